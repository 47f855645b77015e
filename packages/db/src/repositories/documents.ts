import type { Step } from "@jeex/contracts/steps";
import { eq, inArray, notInArray, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import { reusableStatement } from "../reusable-statement.ts";
import { documents, documentVersions, type ReadabilityScores } from "../schema/workflow.ts";
import type { TenantTransaction } from "../tenant.ts";
import { inTenantOf, tenantParameter } from "./in-tenant.ts";
import { inLiveProject } from "./live-project.ts";
import { type NewestFirstPage, newestFirstPage } from "./newest-first.ts";

export type DocumentRow = typeof documents.$inferSelect;
export type VersionRow = typeof documentVersions.$inferSelect;

export type VersionSource = VersionRow["source"];

export interface NewVersion {
  documentId: string;
  title: string;
  content: string;
  source: VersionSource;
  executionId?: string | undefined;
  baseVersionId?: string | undefined;
  agentParentId?: string | undefined;
  humanParentId?: string | undefined;
  needsReview?: boolean | undefined;
  scores: ReadabilityScores;
}

/** A document with what its active version is, without the version's content. */
export interface ActiveDocumentSummary extends DocumentRow {
  version: number;
  source: VersionSource;
  needsReview: boolean;
  scores: ReadabilityScores;
  versionCreatedAt: Date;
}

/** A document with its active version's content. */
export interface ActiveDocument extends ActiveDocumentSummary {
  content: string;
}

// What a listing reads of a document and its active version; content only where it is needed.
const activeSummaryColumns = {
  id: documents.id,
  tenantId: documents.tenantId,
  projectId: documents.projectId,
  step: documents.step,
  kind: documents.kind,
  path: documents.path,
  title: documents.title,
  activeVersionId: documents.activeVersionId,
  stale: documents.stale,
  retired: documents.retired,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
  version: documentVersions.version,
  source: documentVersions.source,
  needsReview: documentVersions.needsReview,
  scores: documentVersions.scores,
  versionCreatedAt: documentVersions.createdAt,
};
const activeColumns = { ...activeSummaryColumns, content: documentVersions.content };

/** An empty step filter (the first step's "steps before") matches nothing: no need to ask. */
const matchesNoStep = (stepFilter: Step[] | undefined) => stepFilter?.length === 0;

type Value = string | Placeholder;

/** The conditions every method builds on: the tenant's values, or parameters of a statement built once. */
function conditionsOf(scope: { tenantId: Value }) {
  const docsInTenant = inTenantOf(documents.tenantId, scope);
  const versionsInTenant = inTenantOf(documentVersions.tenantId, scope);
  const ofProject = (projectId: Value, ...conditions: SQL[]) =>
    docsInTenant(eq(documents.projectId, projectId), ...conditions);
  const activeInProject = (projectId: Value, stepFilter?: Step[]) =>
    ofProject(
      projectId,
      eq(documents.retired, false),
      ...(stepFilter ? [inArray(documents.step, stepFilter)] : []),
    );
  return {
    versionsInTenant,
    ofProject,
    // By-id look-ups: a document or version of a deleted project is gone with it.
    liveDocsInTenant: (...conditions: SQL[]) =>
      docsInTenant(inLiveProject(documents.projectId), ...conditions),
    liveVersionsInTenant: (...conditions: SQL[]) =>
      versionsInTenant(inLiveProject(documentVersions.projectId), ...conditions),
    /** A select of documents narrowed to the project's active ones, joined to their active versions, by path. */
    activeByPath: <Query extends PgSelect>(query: Query, projectId: Value, stepFilter: Step[] | undefined) =>
      query
        .innerJoin(documentVersions, eq(documentVersions.id, documents.activeVersionId))
        .where(activeInProject(projectId, stepFilter))
        .orderBy(documents.path),
  };
}

// Built once: the reads of status, listings and documents.get.
const parameters = conditionsOf(tenantParameter);
const byId = sql.placeholder("id");
const findStatement = reusableStatement<{ tenantId: string; id: string }, DocumentRow[]>((db) =>
  db
    .select()
    .from(documents)
    .where(parameters.liveDocsInTenant(eq(documents.id, byId)))
    .limit(1)
    .prepare("document_by_id"),
);
const findVersionStatement = reusableStatement<{ tenantId: string; id: string }, VersionRow[]>((db) =>
  db
    .select()
    .from(documentVersions)
    .where(parameters.liveVersionsInTenant(eq(documentVersions.id, byId)))
    .limit(1)
    .prepare("document_version_by_id"),
);
const activeSummariesStatement = reusableStatement<
  { tenantId: string; projectId: string },
  ActiveDocumentSummary[]
>((db) =>
  parameters
    .activeByPath(
      db.select(activeSummaryColumns).from(documents).$dynamic(),
      sql.placeholder("projectId"),
      undefined,
    )
    .prepare("active_document_summaries"),
);

/** Documents and their versions, of the transaction's tenant. */
export function createDocumentRepository({ db, scope }: TenantTransaction) {
  const { versionsInTenant, ofProject, liveDocsInTenant, liveVersionsInTenant, activeByPath } =
    conditionsOf(scope);
  // Every change to a document row moves its updatedAt.
  const changeDocuments = (changes: Partial<DocumentRow>, where: SQL | undefined) =>
    db
      .update(documents)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(where);
  const changeLiveDocument = (documentId: string, changes: Partial<DocumentRow>) =>
    changeDocuments(changes, liveDocsInTenant(eq(documents.id, documentId)));

  return {
    /** Active (not retired, with an active version) documents of a project, by path. */
    listActive(projectId: string, stepFilter?: Step[]): Promise<ActiveDocument[]> {
      if (matchesNoStep(stepFilter)) return Promise.resolve([]);
      return activeByPath(db.select(activeColumns).from(documents).$dynamic(), projectId, stepFilter);
    },

    /** The same list without content: for status, listings and freshness checks (documents are up to 500 KB). */
    listActiveSummaries(projectId: string, stepFilter?: Step[]): Promise<ActiveDocumentSummary[]> {
      if (matchesNoStep(stepFilter)) return Promise.resolve([]);
      if (!stepFilter) return activeSummariesStatement(db, { tenantId: scope.tenantId, projectId });
      return activeByPath(db.select(activeSummaryColumns).from(documents).$dynamic(), projectId, stepFilter);
    },

    async find(id: string): Promise<DocumentRow | undefined> {
      const [row] = await findStatement(db, { tenantId: scope.tenantId, id });
      return row;
    },

    /** Locks the document row so version numbers and the active pointer change one writer at a time. */
    async lock(id: string): Promise<DocumentRow | undefined> {
      const [row] = await db
        .select()
        .from(documents)
        .where(liveDocsInTenant(eq(documents.id, id)))
        .for("update");
      return row;
    },

    /**
     * The document at `path`, created when missing and un-retired when it was; locked for update
     * (an insert that meets the existing row updates it, which locks it). One statement.
     */
    async upsertByPath(doc: { projectId: string; step: Step; kind: string; path: string; title: string }) {
      const [row] = await db
        .insert(documents)
        .values({ ...doc, tenantId: scope.tenantId })
        .onConflictDoUpdate({
          target: [documents.tenantId, documents.projectId, documents.path],
          set: { title: doc.title, kind: doc.kind, retired: false, updatedAt: sql`now()` },
        })
        .returning();
      if (!row) throw new Error("upsert returned no document");
      return row;
    },

    /**
     * The document's next version, numbered in the same statement. Callers hold the document's row
     * lock (upsertByPath, lock), so two inserts for one document cannot take the same number.
     */
    async insertVersion(version: NewVersion, projectId: string): Promise<VersionRow> {
      const nextNumber = db
        .select({ next: sql<number>`coalesce(max(${documentVersions.version}), 0) + 1` })
        .from(documentVersions)
        .where(versionsInTenant(eq(documentVersions.documentId, version.documentId)));
      const [row] = await db
        .insert(documentVersions)
        .values({
          ...version,
          tenantId: scope.tenantId,
          projectId,
          version: sql`(${nextNumber})`,
          createdBy: scope.userId,
        })
        .returning();
      if (!row) throw new Error("insert returned no version");
      return row;
    },

    async activate(documentId: string, versionId: string, title: string): Promise<void> {
      await changeLiveDocument(documentId, {
        activeVersionId: versionId,
        title,
        stale: false,
        retired: false,
      });
    },

    /** A person confirmed the document as still right after an upstream change: only the flag clears. */
    async clearStale(documentId: string): Promise<void> {
      await changeLiveDocument(documentId, { stale: false });
    },

    /** Flags every live document of the given steps as stale (their inputs changed). */
    async markStale(projectId: string, stepsToFlag: Step[]): Promise<void> {
      if (stepsToFlag.length === 0) return;
      const flagged = ofProject(
        projectId,
        inArray(documents.step, stepsToFlag),
        eq(documents.retired, false),
      );
      await changeDocuments({ stale: true }, flagged);
    },

    /** Documents of a step that its latest run no longer produced. */
    async retireOthers(projectId: string, step: Step, keepPaths: string[]): Promise<void> {
      const dropped = ofProject(projectId, eq(documents.step, step), notInArray(documents.path, keepPaths));
      await changeDocuments({ retired: true }, dropped);
    },

    listVersions({ documentId, ...page }: NewestFirstPage & { documentId: string }) {
      const query = db.select().from(documentVersions).$dynamic();
      const ofDocument = liveVersionsInTenant(eq(documentVersions.documentId, documentId));
      return newestFirstPage(query, documentVersions.id, page, ofDocument);
    },

    async findVersion(versionId: string): Promise<VersionRow | undefined> {
      const [row] = await findVersionStatement(db, { tenantId: scope.tenantId, id: versionId });
      return row;
    },
  };
}

export type DocumentRepository = ReturnType<typeof createDocumentRepository>;
