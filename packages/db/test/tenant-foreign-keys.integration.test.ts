import { randomUUID } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/client.ts";
import {
  databaseTargets,
  provisionTestTenant,
  rawRows,
  sqlStateOfFailure,
  testPostgresUrl,
} from "../testing/databases.ts";

const FOREIGN_KEY_VIOLATION = "23503";

interface TenantRows {
  tenantId: string;
  userId: string;
  projectId: string;
  documentId: string;
  versionId: string;
  executionId: string;
}

/**
 * Composite (tenant_id, …) foreign keys: a row cannot reference another tenant's row even when
 * written past RLS — as a superuser on Postgres, and on PGlite by stepping out of jeex_app inside a
 * tenant transaction (its single session is a superuser's, see the README).
 */
describe.each(databaseTargets())("tenant foreign keys on $name", (target) => {
  let db: Database;
  let admin: postgres.Sql | undefined;
  const tenants: Record<"a" | "b", TenantRows> = {} as never;

  /** Runs a statement with RLS out of the way: the database alone must refuse what it refuses. */
  function asSuperuser<Row>(query: SQL): Promise<Row[]> {
    if (admin) return drizzle({ client: admin }).execute(query) as unknown as Promise<Row[]>;
    return db.withTenant(tenants.a, async (tx) => {
      await tx.db.execute(sql`reset role`);
      return rawRows<Row>(tx, query);
    });
  }

  const insertDocument = (owner: TenantRows, projectId: string, id: string = randomUUID()) =>
    asSuperuser(sql`insert into documents (id, tenant_id, project_id, step, kind, path, title)
      values (${id}, ${owner.tenantId}, ${projectId}, 'about', 'about', ${`docs/${id}.md`}, 'About')`);
  const insertVersion = (owner: TenantRows, documentId: string, executionId: string | null) =>
    asSuperuser(sql`insert into document_versions
      (id, tenant_id, project_id, document_id, version, title, content, source, execution_id, scores)
      values (${randomUUID()}, ${owner.tenantId}, ${owner.projectId}, ${documentId}, ${Math.floor(Math.random() * 1e9)},
        'About', 'text', 'agent', ${executionId}, '{"fleschReadingEase":0,"gradeLevel":0,"wordCount":1}')`);
  /** A merged version of `owner`'s document naming `parentId` as one of its lineage columns. */
  const insertMergeNaming = (
    owner: TenantRows,
    column: "base_version_id" | "agent_parent_id" | "human_parent_id",
    parentId: string,
  ) =>
    asSuperuser(sql`insert into document_versions
      (id, tenant_id, project_id, document_id, version, title, content, source, ${sql.identifier(column)}, scores)
      values (${randomUUID()}, ${owner.tenantId}, ${owner.projectId}, ${owner.documentId}, ${Math.floor(Math.random() * 1e9)},
        'About', 'text', 'merged', ${parentId}, '{"fleschReadingEase":0,"gradeLevel":0,"wordCount":1}')`);
  const insertExecution = (owner: TenantRows, projectId: string, id: string = randomUUID()) =>
    asSuperuser(sql`insert into agent_executions (id, tenant_id, project_id, step, agent)
      values (${id}, ${owner.tenantId}, ${projectId}, 'about', 'business-analyst')`);
  /** `owner`'s document made active at its version, and a merged version naming that version in `column`. */
  async function linkActiveAndMergedVersions(
    owner: TenantRows,
    column: "agent_parent_id" | "human_parent_id",
  ) {
    await asSuperuser(
      sql`update documents set active_version_id = ${owner.versionId} where id = ${owner.documentId}`,
    );
    await insertMergeNaming(owner, column, owner.versionId);
  }
  /** How many rows of `tables` still name `id` in `column`, counted past RLS, after a delete cascaded. */
  async function rowsStillNaming(column: "project_id" | "tenant_id", id: string, tables: string[]) {
    const counts = tables.map(
      (table) => sql`(select count(*) from ${sql.identifier(table)} where ${sql.identifier(column)} = ${id})`,
    );
    const [left] = await asSuperuser<{ rows: number }>(sql`select ${sql.join(counts, sql` + `)} as rows`);
    return Number(left?.rows);
  }

  beforeAll(async () => {
    db = await target.open();
    if (target.name === "postgres") admin = postgres(testPostgresUrl(), { max: 1, onnotice: () => {} });
    for (const label of ["a", "b"] as const) {
      const created = await provisionTestTenant(db, `fk-${label}`);
      const rows: TenantRows = {
        tenantId: created.tenantId,
        userId: created.userId,
        projectId: randomUUID(),
        documentId: randomUUID(),
        versionId: randomUUID(),
        executionId: randomUUID(),
      };
      tenants[label] = rows;
      await asSuperuser(
        sql`insert into projects (id, tenant_id, name) values (${rows.projectId}, ${rows.tenantId}, ${label})`,
      );
      await insertExecution(rows, rows.projectId, rows.executionId);
      await insertDocument(rows, rows.projectId, rows.documentId);
      await asSuperuser(sql`insert into document_versions
        (id, tenant_id, project_id, document_id, version, title, content, source, execution_id, scores)
        values (${rows.versionId}, ${rows.tenantId}, ${rows.projectId}, ${rows.documentId}, 1, 'About', 'text',
          'agent', ${rows.executionId}, '{"fleschReadingEase":0,"gradeLevel":0,"wordCount":1}')`);
    }
  });
  afterAll(async () => {
    await admin?.end();
    await db.close();
  });

  it("rows that reference their own tenant's rows are written (the control)", async () => {
    const b = tenants.b;
    const documentId = randomUUID();
    await insertDocument(b, b.projectId, documentId);
    await insertVersion(b, documentId, b.executionId);
    await insertExecution(b, b.projectId);
  });

  const crossTenantWrites: Record<string, () => Promise<unknown>> = {
    "a document in tenant A's project": () => insertDocument(tenants.b, tenants.a.projectId),
    "an execution in tenant A's project": () => insertExecution(tenants.b, tenants.a.projectId),
    "a version of tenant A's document": () => insertVersion(tenants.b, tenants.a.documentId, null),
    "a version written by tenant A's execution": () =>
      insertVersion(tenants.b, tenants.b.documentId, tenants.a.executionId),
    "an export of tenant A's project": () =>
      asSuperuser(sql`insert into exports (id, tenant_id, project_id, expires_at)
        values (${randomUUID()}, ${tenants.b.tenantId}, ${tenants.a.projectId}, now())`),
    "usage charged to tenant A's execution": () =>
      asSuperuser(sql`insert into usage_records (id, tenant_id, project_id, execution_id, provider, model, tokens_in, tokens_out, cost_usd)
        values (${randomUUID()}, ${tenants.b.tenantId}, ${tenants.b.projectId}, ${tenants.a.executionId}, 'template', 'template', 1, 1, 0)`),
    "a memory chunk of tenant A's document version": () =>
      asSuperuser(sql`insert into memory_chunks
        (id, tenant_id, project_id, document_id, version_id, version, path, type, content, content_hash, embedding)
        values (${randomUUID()}, ${tenants.b.tenantId}, ${tenants.b.projectId}, ${tenants.a.documentId},
          ${tenants.a.versionId}, 1, 'docs/about.md', 'about', 'text', 'hash', '\\x00')`),
    "an index request for tenant A's document": () =>
      asSuperuser(sql`insert into memory_index_requests (tenant_id, document_id, version_id, user_id, requested_at)
        values (${tenants.b.tenantId}, ${tenants.a.documentId}, ${tenants.a.versionId}, ${tenants.b.userId}, 1)`),
    "a merge based on tenant A's version": () =>
      insertMergeNaming(tenants.b, "base_version_id", tenants.a.versionId),
    "a merge of tenant A's agent version": () =>
      insertMergeNaming(tenants.b, "agent_parent_id", tenants.a.versionId),
    "a merge of tenant A's human edit": () =>
      insertMergeNaming(tenants.b, "human_parent_id", tenants.a.versionId),
    "tenant A's version made active in tenant B's document": () =>
      asSuperuser(
        sql`update documents set active_version_id = ${tenants.a.versionId} where id = ${tenants.b.documentId}`,
      ),
    "tenant A's document moved to tenant B": () =>
      asSuperuser(
        sql`update documents set tenant_id = ${tenants.b.tenantId} where id = ${tenants.a.documentId}`,
      ),
  };

  for (const [row, write] of Object.entries(crossTenantWrites)) {
    it(`tenant B cannot store ${row}, even past RLS`, async () => {
      expect(await sqlStateOfFailure(write())).toBe(FOREIGN_KEY_VIOLATION);
    });
  }

  it("deleting a project still takes its executions, documents, versions and usage with it", async () => {
    const b = tenants.b;
    await asSuperuser(sql`insert into usage_records (id, tenant_id, project_id, execution_id, provider, model, tokens_in, tokens_out, cost_usd)
      values (${randomUUID()}, ${b.tenantId}, ${b.projectId}, ${b.executionId}, 'template', 'template', 1, 1, 0)`);
    // Versions naming each other (a merge's parents) go in the same statement.
    await linkActiveAndMergedVersions(b, "agent_parent_id");
    await asSuperuser(sql`delete from projects where id = ${b.projectId}`);
    const projectRows = ["agent_executions", "documents", "document_versions", "usage_records"];
    expect(await rowsStillNaming("project_id", b.projectId, projectRows)).toBe(0);
  });

  it("deleting a tenant takes all its rows, whichever of its cascades runs first", async () => {
    const a = tenants.a;
    await linkActiveAndMergedVersions(a, "human_parent_id");
    await asSuperuser(sql`delete from tenants where id = ${a.tenantId}`);
    const tenantRows = ["projects", "agent_executions", "documents", "document_versions"];
    expect(await rowsStillNaming("tenant_id", a.tenantId, tenantRows)).toBe(0);
  });
});
