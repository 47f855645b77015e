import type { VersionSummary } from "@jeex/contracts/documents";
import type { VersionRow } from "@jeex/db/repositories";

export const toVersionSummary = (row: VersionRow, activeVersionId: string | null): VersionSummary => ({
  id: row.id,
  documentId: row.documentId,
  version: row.version,
  title: row.title,
  source: row.source,
  executionId: row.executionId,
  baseVersionId: row.baseVersionId,
  agentParentId: row.agentParentId,
  humanParentId: row.humanParentId,
  needsReview: row.needsReview,
  scores: row.scores,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  active: row.id === activeVersionId,
});
