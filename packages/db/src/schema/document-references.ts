import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { sameTenantReference } from "./tenant-columns.ts";
import { documents, documentVersions } from "./workflow.ts";

/** A row about one version of a document (memory chunks, index requests): it goes with either. */
export function sameTenantDocumentVersion(
  table: string,
  t: { tenantId: AnyPgColumn; documentId: AnyPgColumn; versionId: AnyPgColumn },
) {
  return [
    sameTenantReference(`${table}_document_fk`, [t.tenantId, t.documentId], documents).onDelete("cascade"),
    sameTenantReference(`${table}_version_fk`, [t.tenantId, t.versionId], documentVersions).onDelete(
      "cascade",
    ),
  ];
}
