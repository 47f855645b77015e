import type { Page } from "@jeex/contracts/common";
import type {
  ActivateInput,
  DiffInput,
  DiffOutput,
  DocumentSummary,
  DocumentWithContent,
  GetDocumentInput,
  ListDocumentsInput,
  ListVersionsInput,
  SaveEditInput,
  VersionSummary,
} from "@jeex/contracts/documents";
import { stepsAfter } from "@jeex/contracts/steps";
import type {
  ActiveDocumentSummary,
  DocumentRepository,
  DocumentRow,
  ProjectRepository,
} from "@jeex/db/repositories";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors.ts";
import { idCursor, pageBeforeId, pageFrom } from "../pagination.ts";
import { assertProjectExists } from "../projects/service.ts";
import { runTextWork } from "../text-work/pool.ts";
import { toVersionSummary } from "./version-summary.ts";

const versionCursor = idCursor("v1");

export interface DocumentsContext {
  documents: DocumentRepository;
  projects: ProjectRepository;
}

/** What names a document, in a list and beside its content alike. */
const documentIdentity = (
  doc: Pick<DocumentRow, "id" | "projectId" | "step" | "kind" | "path" | "title">,
) => ({
  id: doc.id,
  projectId: doc.projectId,
  step: doc.step,
  kind: doc.kind,
  path: doc.path,
  title: doc.title,
});

const toDocumentSummary = (doc: ActiveDocumentSummary): DocumentSummary => ({
  ...documentIdentity(doc),
  versionId: doc.activeVersionId ?? "",
  version: doc.version,
  source: doc.source,
  scores: doc.scores,
  stale: doc.stale,
  needsReview: doc.needsReview,
  updatedAt: doc.updatedAt.toISOString(),
});

/** Paths are unique per project, so the path itself is the keyset (documents are few). */
export async function listDocuments(
  ctx: DocumentsContext,
  input: ListDocumentsInput,
): Promise<Page<DocumentSummary>> {
  await assertProjectExists(ctx.projects, input.projectId);
  const after = input.cursor ? Buffer.from(input.cursor, "base64url").toString("utf8") : "";
  const rows = (await ctx.documents.listActiveSummaries(input.projectId)).filter((doc) => doc.path > after);
  return pageFrom(rows, input.limit, toDocumentSummary, (doc) => Buffer.from(doc.path).toString("base64url"));
}

async function findDocument(ctx: DocumentsContext, documentId: string): Promise<DocumentRow> {
  const doc = await ctx.documents.find(documentId);
  if (!doc) throw new NotFoundError("document");
  return doc;
}

export async function findVersionOf(
  ctx: DocumentsContext,
  doc: DocumentRow,
  versionId: string | null | undefined,
) {
  const id = versionId ?? doc.activeVersionId;
  const version = id ? await ctx.documents.findVersion(id) : undefined;
  if (!version || version.documentId !== doc.id) throw new NotFoundError("version");
  return version;
}

export async function listVersions(
  ctx: DocumentsContext,
  input: ListVersionsInput,
): Promise<Page<VersionSummary>> {
  const doc = await findDocument(ctx, input.documentId);
  return pageBeforeId(
    input,
    versionCursor,
    (keyset) => ctx.documents.listVersions({ documentId: doc.id, ...keyset }),
    (row) => toVersionSummary(row, doc.activeVersionId),
  );
}

export async function getDocument(
  ctx: DocumentsContext,
  input: GetDocumentInput,
): Promise<DocumentWithContent> {
  const doc = await findDocument(ctx, input.documentId);
  const version = await findVersionOf(ctx, doc, input.versionId);
  return {
    document: {
      ...documentIdentity(doc),
      stale: doc.stale,
      updatedAt: doc.updatedAt.toISOString(),
    },
    version: { ...toVersionSummary(version, doc.activeVersionId), content: version.content },
  };
}

export async function diffVersions(ctx: DocumentsContext, input: DiffInput): Promise<DiffOutput> {
  const doc = await findDocument(ctx, input.documentId);
  const [from, to] = await Promise.all([
    findVersionOf(ctx, doc, input.fromVersionId),
    findVersionOf(ctx, doc, input.toVersionId),
  ]);
  return runTextWork("diffVersions", {
    path: doc.path,
    from: { version: from.version, content: from.content },
    to: { version: to.version, content: to.content },
  });
}

/**
 * A human edit is a new active version, accepted only if it was based on the version that is
 * still active (optimistic concurrency); downstream steps become stale.
 */
export async function saveEdit(ctx: DocumentsContext, input: SaveEditInput): Promise<VersionSummary> {
  const doc = await ctx.documents.lock(input.documentId);
  if (!doc) throw new NotFoundError("document");
  if (doc.activeVersionId !== input.baseVersionId) {
    throw new ConflictError(
      "the document changed since this edit began: reload the active version and re-apply",
    );
  }
  const base = await findVersionOf(ctx, doc, input.baseVersionId);
  if (base.content === input.content && (input.title ?? base.title) === base.title) {
    throw new InvalidInputError([
      { path: "content", message: "the edit changes nothing", code: "no_change" },
    ]);
  }
  const title = input.title ?? base.title;
  const version = await ctx.documents.insertVersion(
    {
      documentId: doc.id,
      title,
      content: input.content,
      source: "human",
      baseVersionId: base.id,
      // On the text-work pool: scoring 500 KB must not stall other tenants' requests.
      scores: await runTextWork("scoreReadability", input.content),
    },
    doc.projectId,
  );
  await ctx.documents.activate(doc.id, version.id, title);
  await ctx.documents.markStale(doc.projectId, stepsAfter(doc.step));
  return toVersionSummary(version, version.id);
}

/** Rolls a document back or forward to one of its versions; downstream steps become stale. */
export async function activateVersion(ctx: DocumentsContext, input: ActivateInput): Promise<VersionSummary> {
  const doc = await ctx.documents.lock(input.documentId);
  if (!doc) throw new NotFoundError("document");
  const version = await findVersionOf(ctx, doc, input.versionId);
  if (doc.activeVersionId !== version.id) {
    await ctx.documents.activate(doc.id, version.id, version.title);
    await ctx.documents.markStale(doc.projectId, stepsAfter(doc.step));
  }
  return toVersionSummary(version, version.id);
}
