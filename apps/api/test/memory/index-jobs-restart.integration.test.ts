import { createMemoryRuntime, type MemoryRuntime, memoryIndexJobs } from "@jeex/core/memory";
import type { JobHandler } from "@jeex/core/queue";
import { createInProcessJobs } from "@jeex/core/queue";
import type { Database } from "@jeex/db/client";
import { databaseTargets, rawRows } from "@jeex/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "../support/server.ts";
import { createDocumentRow, createTenantWorld } from "./support/embedded-world.ts";
import { eventually } from "./support/eventually.ts";
import type { TenantWorld } from "./support/vector-store-behaviour.ts";

const silent = { info() {}, warn() {}, error() {} };

/**
 * A memory runtime on the in-process runner, as the embedded default builds it. `gate` runs around
 * each job: the test decides which jobs finish and which never return (the process "died" in them).
 */
function inProcessMemory(
  db: Database,
  gate: (job: Parameters<JobHandler<unknown>>[0], run: () => Promise<void>) => Promise<void>,
) {
  return createMemoryRuntime({
    config: testConfig().memory,
    db,
    log: silent,
    recoverLostJobs: true,
    jobs: ({ handler, onFailed }) => {
      const jobs = createInProcessJobs({
        kind: memoryIndexJobs,
        handler: (job, signal, attempt) => gate(job, () => handler(job, signal, attempt)),
        onFailed,
        concurrency: 1,
      });
      return { queue: jobs, runner: jobs };
    },
  });
}

describe.each(databaseTargets())("memory index jobs across a crash on $name", (target) => {
  let db: Database;
  let tenant: TenantWorld;
  const runtimes: MemoryRuntime[] = [];

  beforeAll(async () => {
    db = await target.open();
    tenant = await createTenantWorld(db);
  });
  afterAll(async () => {
    // The crashed runtime is abandoned, as a killed process would be: only the survivor stops.
    await runtimes.at(-1)?.stop(1000);
    await db.close();
  });

  const chunkVersions = (documentId: string) =>
    db.withTenant(tenant, (tx) =>
      rawRows<{ version_id: string }>(
        tx,
        sql`select version_id from memory_chunks where document_id = ${documentId}`,
      ),
    );
  const outstanding = () =>
    db.withTenant(tenant, (tx) =>
      rawRows<{ document_id: string }>(tx, sql`select document_id from memory_index_requests`),
    );

  it("accepted jobs the runner never finished run once after a restart; finished ones are not run again", async () => {
    const [projectId] = tenant.projectIds;
    const docs = await Promise.all(
      ["about", "adr", "architecture"].map((kind) =>
        createDocumentRow(db, tenant, projectId, kind, `# ${kind}\n\nWhat the ${kind} says.`),
      ),
    );
    const [done, hung, waiting] = docs as [
      (typeof docs)[number],
      (typeof docs)[number],
      (typeof docs)[number],
    ];

    // First process: the first job finishes, the second hangs mid-job (the crash), the third waits behind it.
    const hang = new Promise<void>(() => {});
    const crashed = inProcessMemory(db, (job, run) =>
      (job as { documentId: string }).documentId === done.documentId ? run() : hang,
    );
    runtimes.push(crashed);
    await crashed.start();
    for (const doc of docs) await crashed.services.requestIndexing({ ...tenant, ...doc });
    await eventually(
      () => chunkVersions(done.documentId),
      (rows) => rows.length > 0,
    );
    expect((await outstanding()).map((row) => row.document_id).sort()).toEqual(
      [hung.documentId, waiting.documentId].sort(),
    );

    // Second process on the same database: the start-up sweep queues what was accepted and unfinished.
    const ran: string[] = [];
    const restarted = inProcessMemory(db, async (job, run) => {
      ran.push((job as { documentId: string }).documentId);
      await run();
    });
    runtimes.push(restarted);
    await restarted.start();
    await eventually(outstanding, (rows) => rows.length === 0);

    // The sweep reads every tenant: on the shared Postgres database other suites' requests may run too.
    const ranHere = ran.filter((id) => docs.some((doc) => doc.documentId === id));
    expect(ranHere.sort()).toEqual([hung.documentId, waiting.documentId].sort());
    for (const doc of docs) {
      const versions = await chunkVersions(doc.documentId);
      expect(versions.length, `chunks of the ${doc.documentId} document`).toBeGreaterThan(0);
      expect(versions.every((row) => row.version_id === doc.versionId)).toBe(true);
    }
  });

  it("a job run twice (a surviving queued copy and the sweep) writes its chunks once", async () => {
    const [, projectId] = tenant.projectIds;
    const doc = await createDocumentRow(
      db,
      tenant,
      projectId,
      "plan-epic",
      "# Epic\n\nOne epic, indexed once.",
    );
    const runtime = inProcessMemory(db, (_job, run) => run());
    await runtime.start();
    try {
      await runtime.services.requestIndexing({ ...tenant, ...doc });
      await eventually(outstanding, (rows) => rows.length === 0);
      const once = await chunkVersions(doc.documentId);
      // The same request again, as a BullMQ copy that outlived a sweep would deliver it.
      await runtime.services.requestIndexing({ ...tenant, ...doc });
      await eventually(outstanding, (rows) => rows.length === 0);
      expect((await chunkVersions(doc.documentId)).length).toBe(once.length);
    } finally {
      await runtime.stop(1000);
    }
  });

  it("a request of another tenant is neither visible nor settled from this tenant's transactions", async () => {
    const other = await createTenantWorld(db);
    const [projectId] = other.projectIds;
    const doc = await createDocumentRow(db, other, projectId, "specs");
    const runtime = inProcessMemory(db, () => new Promise<void>(() => {}));
    await runtime.start();
    await runtime.services.requestIndexing({ ...other, ...doc });
    expect(await outstanding()).toEqual([]);
    const theirs = await db.withTenant(other, (tx) =>
      rawRows<{ document_id: string }>(tx, sql`select document_id from memory_index_requests`),
    );
    expect(theirs.map((row) => row.document_id)).toEqual([doc.documentId]);
    expect((await db.system.unfinishedIndexRequests()).map((row) => row.tenantId)).toContain(other.tenantId);
  });
});
