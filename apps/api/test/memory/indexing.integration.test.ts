import type { MemoryIndexJob } from "@jeex/core/memory";
import {
  createEmbeddedVectorStore,
  createHashingEmbedder,
  indexDocumentVersion,
  type MemoryIndexDeps,
} from "@jeex/core/memory";
import type { Database } from "@jeex/db/client";
import { createDocumentRepository } from "@jeex/db/repositories";
import { databaseTargets, rawRows } from "@jeex/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentRow, createTenantWorld, createVersionRow } from "./support/embedded-world.ts";
import type { TenantWorld } from "./support/vector-store-behaviour.ts";

const about = `# Walkies

> Template draft: written offline.

## Problem

Owners cannot find a walker they trust at short notice.

## Audience

Busy dog owners.

## Repeated note

> Template draft: written offline.
`;

describe.each(databaseTargets())("the indexing job on $name", (target) => {
  let db: Database;
  let tenant: TenantWorld;
  let deps: MemoryIndexDeps;

  beforeAll(async () => {
    db = await target.open();
    tenant = await createTenantWorld(db);
    // Section by section (no merging of short sections): each of the sections above is one chunk.
    const chunking = { maxChars: 1200, overlapChars: 200, minChars: 0 };
    deps = { db, embedder: createHashingEmbedder(), vectors: createEmbeddedVectorStore(), chunking };
  });
  afterAll(async () => {
    await db.close();
  });

  const job = (documentId: string, versionId: string): MemoryIndexJob => ({
    tenantId: tenant.tenantId,
    userId: tenant.userId,
    documentId,
    versionId,
    requestedAt: Date.now(),
  });

  const chunksOf = (documentId: string) =>
    db.withTenant(tenant, (tx) =>
      rawRows<{ version_id: string; heading: string; content: string; embedding_bytes: number }>(
        tx,
        sql`select version_id, heading, content, octet_length(embedding) as embedding_bytes from memory_chunks where document_id = ${documentId} order by heading`,
      ),
    );

  /** The about document above, in the tenant's first project, with one active version. */
  const aboutRow = () => createDocumentRow(db, tenant, tenant.projectIds[0], "about", about);

  it("stores a version's chunks with their headings and vectors, duplicates dropped", async () => {
    const { documentId, versionId } = await aboutRow();
    expect(await indexDocumentVersion(deps, job(documentId, versionId))).toEqual({
      kind: "indexed",
      chunks: 3,
    });
    const rows = await chunksOf(documentId);
    expect(rows.map((row) => [row.heading, row.content])).toEqual([
      ["Walkies", "> Template draft: written offline."],
      ["Walkies > Audience", "Busy dog owners."],
      ["Walkies > Problem", "Owners cannot find a walker they trust at short notice."],
    ]);
    expect(rows.every((row) => Number(row.embedding_bytes) === 384 * 4 && row.version_id === versionId)).toBe(
      true,
    );
  });

  it("is idempotent, and a job for a version that is no longer active does nothing", async () => {
    const { documentId, versionId: v1 } = await aboutRow();
    await indexDocumentVersion(deps, job(documentId, v1));
    await indexDocumentVersion(deps, job(documentId, v1));
    expect(await chunksOf(documentId)).toHaveLength(3);

    const v2 = await createVersionRow(
      db,
      tenant,
      documentId,
      "# Walkies\n\n## Problem\n\nA brand new problem statement.",
    );
    await db.withTenant(tenant, (tx) => createDocumentRepository(tx).activate(documentId, v2, "about"));
    expect(await indexDocumentVersion(deps, job(documentId, v1))).toEqual({
      kind: "skipped",
      reason: "no longer the active version",
    });
    expect((await chunksOf(documentId)).every((row) => row.version_id === v1)).toBe(true);

    expect(await indexDocumentVersion(deps, job(documentId, v2))).toEqual({ kind: "indexed", chunks: 1 });
    expect(await indexDocumentVersion(deps, job(documentId, v1))).toMatchObject({ kind: "skipped" });
    const rows = await chunksOf(documentId);
    expect(rows.map((row) => [row.version_id, row.content])).toEqual([
      [v2, "A brand new problem statement."],
    ]);
  });

  it("a job in another tenant's name for this tenant's document reads nothing and writes nothing", async () => {
    const { documentId, versionId } = await aboutRow();
    await indexDocumentVersion(deps, job(documentId, versionId));
    const before = await chunksOf(documentId);
    const other = await createTenantWorld(db);

    const outcome = await indexDocumentVersion(deps, {
      ...job(documentId, versionId),
      tenantId: other.tenantId,
      userId: other.userId,
    });

    expect(outcome).toEqual({ kind: "skipped", reason: "document deleted" });
    expect(await chunksOf(documentId)).toEqual(before);
  });

  it("a retired document's chunks are removed", async () => {
    const { documentId, versionId } = await createDocumentRow(
      db,
      tenant,
      tenant.projectIds[1],
      "adr",
      "# ADR-001\n\nUse Postgres.",
    );
    await indexDocumentVersion(deps, job(documentId, versionId));
    expect(await chunksOf(documentId)).toHaveLength(1);
    await db.withTenant(tenant, (tx) =>
      createDocumentRepository(tx).retireOthers(tenant.projectIds[1], "about", []),
    );
    expect(await indexDocumentVersion(deps, job(documentId, versionId))).toEqual({ kind: "removed" });
    expect(await chunksOf(documentId)).toEqual([]);
  });
});
