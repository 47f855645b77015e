import { existsSync } from "node:fs";
import { join } from "node:path";
import { createJeexClient, type JeexClient } from "@jeex/client";
import { createDatabase, type Database } from "@jeex/db/client";
import { exportsTable, memoryChunks, memoryIndexRequests } from "@jeex/db/schema";
import { afterEach, describe, expect, it } from "vitest";
import { readDevCredentials, tempDataDir } from "../support/server.ts";
import { until } from "../support/until.ts";
import { type AppProcess, startAppProcess } from "../telemetry/support/processes.ts";

const packSteps = ["about", "architecture", "plan", "specs"] as const;
const idea = {
  idea: "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking of every walk.",
};
const EXPORTS_PER_PROJECT = 6;
/** The drill waits on real child processes: it allows 60 s where the shared `until` allows 30 s. */
const DRILL_WAIT_MS = 60_000;

/** `pnpm start` on embedded defaults: PGlite under DATA_DIR, in-process queues, no Redis. */
async function startEmbeddedApi(dataDir: string) {
  const app = startAppProcess("./src/telemetry/register-api.ts", "./src/main.ts", {
    JEEX_DEV_MODE: "true",
    NODE_ENV: "development",
    LOG_LEVEL: "info",
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: dataDir,
    RATE_LIMITS_ENABLED: "false",
  });
  await app.waitForLog((line) => /^Server listening at /.test(line.msg ?? ""));
  // The first start seeds a demo owner after listening; a restart finds its credentials.
  if (!existsSync(join(dataDir, "dev-credentials.json")))
    await app.waitForLog((line) => /^demo tenant created/.test(line.msg ?? ""));
  const credentials = readDevCredentials(dataDir);
  const listening = app.logs.find((line) => /^Server listening at /.test(line.msg ?? ""));
  const url = (listening?.msg ?? "").replace("Server listening at ", "");
  return { app, credentials, client: createJeexClient({ url, apiKey: credentials.apiKey }) };
}

async function projectWithPack(client: JeexClient, name: string) {
  const project = await client.projects.create.mutate({ name });
  for (const step of packSteps) {
    const { executionId } = await client.workflow.runStep.mutate({
      projectId: project.id,
      step,
      ...(step === "about" ? { input: idea } : {}),
    });
    await until(
      async () => {
        const { status } = await client.workflow.executions.get.query({ executionId });
        if (status === "failed" || status === "cancelled") throw new Error(`${step} ended ${status}`);
        return status === "succeeded" ? status : undefined;
      },
      `the ${step} step`,
      DRILL_WAIT_MS,
    );
  }
  return project;
}

/** Reads the data directory while no server holds it: what the crashed process left unfinished. */
async function withEmbeddedDatabase<T>(dataDir: string, read: (db: Database) => Promise<T>): Promise<T> {
  const db = createDatabase({ pgliteDataDir: join(dataDir, "pg") });
  try {
    return await read(db);
  } finally {
    await db.close();
  }
}

/**
 * Fault drill on embedded defaults: SIGKILL the API while export and memory-index jobs are queued
 * and running, start it again on the same data directory, and count what finished and what was lost.
 */
describe("jobs accepted by a server that is killed", () => {
  const apps: AppProcess[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
  });

  it("finish after a restart, each once: 0 export and 0 index jobs lost", async () => {
    const dataDir = tempDataDir();
    const first = await startEmbeddedApi(dataDir);
    apps.push(first.app);
    const { client } = first;
    const projects = [await projectWithPack(client, "Drill one"), await projectWithPack(client, "Drill two")];

    // A burst of accepted work: every document edited (one index job each) and several exports.
    const documents = (
      await Promise.all(projects.map((p) => client.documents.list.query({ projectId: p.id })))
    ).flatMap((page) => page.items);
    const [edits, exports] = await Promise.all([
      Promise.all(
        documents.map((doc, i) =>
          client.documents.saveEdit.mutate({
            documentId: doc.id,
            baseVersionId: doc.versionId,
            content: `# Edited before the crash ${i}\n\nOne short paragraph the drill indexes again.`,
          }),
        ),
      ),
      Promise.all(
        projects.flatMap((p) =>
          Array.from({ length: EXPORTS_PER_PROJECT }, () =>
            client.exports.create.mutate({ projectId: p.id }),
          ),
        ),
      ),
    ]);
    // Killed once the first export is built: some work done, some running, the rest still queued.
    await until(
      async () => {
        const { status } = await client.exports.get.query({ exportId: exports[0]?.id ?? "" });
        return status === "succeeded" ? status : undefined;
      },
      "the first export",
      DRILL_WAIT_MS,
    );
    first.app.child.kill("SIGKILL");
    await first.app.stop();

    const { tenantId, userId } = first.credentials;
    const exportIds = new Set(exports.map((e) => e.id));
    const atCrash = await withEmbeddedDatabase(dataDir, (db) =>
      db.withTenant({ tenantId, userId }, async (tx) => {
        const statuses = (
          await tx.db.select({ id: exportsTable.id, status: exportsTable.status }).from(exportsTable)
        )
          .filter((row) => exportIds.has(row.id))
          .map((row) => row.status);
        return {
          exportsDone: statuses.filter((s) => s === "succeeded").length,
          exportsRunning: statuses.filter((s) => s === "running").length,
          exportsQueued: statuses.filter((s) => s === "queued").length,
          index: (await tx.db.select().from(memoryIndexRequests)).length,
        };
      }),
    );
    // Otherwise the drill would show nothing: work must have been in flight when the process died.
    expect(atCrash.exportsRunning + atCrash.exportsQueued).toBeGreaterThan(0);
    expect(atCrash.index).toBeGreaterThan(0);

    const second = await startEmbeddedApi(dataDir);
    apps.push(second.app);
    const ended = await until(
      async () => {
        const details = await Promise.all(
          [...exportIds].map((exportId) => second.client.exports.get.query({ exportId })),
        );
        return details.every((d) => d.status === "succeeded" || d.status === "failed") ? details : undefined;
      },
      "every export ended",
      DRILL_WAIT_MS,
    );
    expect(ended.filter((d) => d.status !== "succeeded")).toEqual([]);
    // The same archive for every export of a project: each was built from the same active versions.
    for (const project of projects) {
      const digests = new Set(ended.filter((d) => d.projectId === project.id).map((d) => d.sha256));
      expect(digests.size).toBe(1);
    }

    // Memory shows each edited document at its edited version once its index job has run (a
    // project has fewer chunks than one search returns, so the search sees all of them).
    const pathOf = new Map(documents.map((doc) => [doc.id, doc.path]));
    await until(
      async () => {
        for (const project of projects) {
          const { hits } = await second.client.memory.search.query({
            projectId: project.id,
            query: "Edited before the crash",
            limit: 50,
          });
          const seen = new Set(hits.map((hit) => `${hit.path}@${hit.version}`));
          const edited = edits.filter(
            (e) => documents.find((d) => d.id === e.documentId)?.projectId === project.id,
          );
          if (!edited.every((e) => seen.has(`${pathOf.get(e.documentId)}@${e.version}`))) return undefined;
        }
        return true;
      },
      "every edited document indexed",
      DRILL_WAIT_MS,
    );
    await second.app.stop();

    const indexed = await withEmbeddedDatabase(dataDir, (db) =>
      db.withTenant({ tenantId, userId }, async (tx) => ({
        pending: (await tx.db.select().from(memoryIndexRequests)).length,
        chunks: await tx.db
          .select({ documentId: memoryChunks.documentId, versionId: memoryChunks.versionId })
          .from(memoryChunks),
      })),
    );
    expect(indexed.pending).toBe(0);
    // Every edited document is indexed at its edited version, and only at it (written once).
    const activeVersion = new Map(edits.map((edit) => [edit.documentId, edit.id]));
    for (const [documentId, versionId] of activeVersion) {
      const ofDocument = indexed.chunks.filter((chunk) => chunk.documentId === documentId);
      expect(ofDocument.length, `chunks of ${documentId}`).toBeGreaterThan(0);
      expect(ofDocument.every((chunk) => chunk.versionId === versionId)).toBe(true);
    }

    const exportsSucceeded = ended.filter((d) => d.status === "succeeded").length;
    const documentsIndexed = [...activeVersion].filter(([documentId, versionId]) =>
      indexed.chunks.some((chunk) => chunk.documentId === documentId && chunk.versionId === versionId),
    ).length;
    // One phrase per number: the drills bench keys each number by the words after it.
    console.info(
      `drill jobs-sigkill: ${exports.length} exports accepted, ${edits.length} index jobs accepted; at the SIGKILL ` +
        `${atCrash.exportsDone} exports finished, ${atCrash.exportsRunning} exports running, ` +
        `${atCrash.exportsQueued} exports queued, ${edits.length - atCrash.index} index jobs finished, ` +
        `${atCrash.index} index jobs outstanding; after the restart ${exportsSucceeded} exports succeeded, ` +
        `${documentsIndexed} documents indexed, ` +
        `${exports.length - exportsSucceeded + edits.length - documentsIndexed} lost`,
    );
  }, 240_000);
});
