import type { ConfirmDocumentInput, ConfirmedDocument } from "@jeex/contracts/documents";
import type { DocumentRepository } from "@jeex/db/repositories";
import { type AuditContext, recordAudit } from "../audit/actor.ts";
import { NotFoundError } from "../errors.ts";

export interface ConfirmDocumentContext extends AuditContext {
  documents: DocumentRepository;
}

/**
 * A person says a stale document is still right after its upstream changed, so its step need
 * not re-run: the active version stays and the stale flag clears. Confirming a document that
 * is not stale changes nothing and records nothing.
 */
export async function confirmDocument(
  ctx: ConfirmDocumentContext,
  input: ConfirmDocumentInput,
): Promise<ConfirmedDocument> {
  // Locked like an edit, so a confirm and a concurrent save or re-run apply one after the other.
  const doc = await ctx.documents.lock(input.documentId);
  if (!doc?.activeVersionId || doc.retired) throw new NotFoundError("document");
  const wasStale = doc.stale;
  if (wasStale) {
    await ctx.documents.clearStale(doc.id);
    await recordAudit(ctx, {
      action: "document.confirm",
      targetType: "document",
      targetId: doc.id,
      details: { projectId: doc.projectId, path: doc.path, versionId: doc.activeVersionId },
    });
  }
  return { documentId: doc.id, versionId: doc.activeVersionId, stale: false, wasStale };
}
