// `pnpm --filter @jeex/bench bench:export` (also run by `pnpm bench`): how long a full
// four-step template pack takes to export. "build" is the zip build alone (buildPack on documents
// already in memory); "job" is the whole export job as a worker runs it: claim and read the active
// versions in one tenant transaction, build, store the archive in another. Target (SPEC §7): < 200 ms.
import { performance } from "node:perf_hooks";
import { createMemoryEventLog } from "@jeex/core/events";
import { buildPack, createExportHandler, toPackDocument } from "@jeex/core/exports";
import type { Database } from "@jeex/db/client";
import {
  createDocumentRepository,
  createExportRepository,
  createProjectRepository,
} from "@jeex/db/repositories";
import { openMigratedDatabase, resolveDatabaseTarget } from "./database-target.ts";
import { seedTemplatePack } from "./export-pack-seed.ts";
import { round } from "./load.ts";
import { sampleMachine } from "./machine.ts";
import { mergeIntoResultsFile, RESULTS_PATH } from "./report.ts";

const TARGET_MS = 200;

const iterations = positiveInt(process.env.BENCH_EXPORT_ITERATIONS, 50);
const warmup = positiveInt(process.env.BENCH_EXPORT_WARMUP, 5);

type PackProject = Parameters<typeof buildPack>[0];

interface Timings {
  median_ms: number;
  p99_ms: number;
  mean_ms: number;
  min_ms: number;
  max_ms: number;
}

/** The export the next timed job run builds; queued by that run's untimed set-up. */
let nextJob: { exportId: string; tenantId: string; projectId: string; userId: string };

const machine = await sampleMachine();
const target = await resolveDatabaseTarget(process.env);
console.log(`database: ${target.note}`);
const db = await openMigratedDatabase(target, "jeex-bench-export");
try {
  const seeded = await seedTemplatePack(db);
  const scope = { tenantId: seeded.tenantId, userId: seeded.userId };
  console.log(`seeded a four-step template pack: ${seeded.documents} documents`);

  const { project, documents } = await loadPack(db, scope, seeded.projectId);
  const digests = new Set<string>();
  let archiveBytes = 0;
  const build = await time(async () => {
    const pack = await buildPack(project, documents);
    digests.add(pack.sha256);
    archiveBytes = pack.sizeBytes;
  });

  const handler = createExportHandler({ db, events: createMemoryEventLog(), ttlMs: 3600_000 });
  const signal = new AbortController().signal;
  const job = await time(
    () => handler(nextJob, signal, { number: 1, of: 1 }),
    async () => {
      nextJob = await queueExport(db, scope, seeded.projectId);
    },
  );
  const last = await db.withTenant(scope, (tx) => createExportRepository(tx).find(nextJob.exportId));
  const warnings = [
    ...(last?.status === "succeeded"
      ? []
      : [`the last export job ended ${last?.status}: these numbers are NOT valid`]),
    ...(digests.size === 1 ? [] : [`${digests.size} different archives from the same versions`]),
    ...(target.kind === "pglite" ? ["database is the embedded PGlite fallback, not Postgres"] : []),
  ];
  const result = {
    database: target.kind,
    node: process.version,
    timestamp: new Date().toISOString(),
    ...machine,
    iterations,
    warmup,
    documents: seeded.documents,
    archive_bytes: archiveBytes,
    deterministic: digests.size === 1,
    build,
    job,
    target_ms: TARGET_MS,
    within_target: job.p99_ms < TARGET_MS,
    valid: last?.status === "succeeded",
    warnings,
  };
  console.log("");
  console.log(`build (zip only):         median ${build.median_ms} ms, p99 ${build.p99_ms} ms`);
  console.log(
    `job (read, build, store): median ${job.median_ms} ms, p99 ${job.p99_ms} ms   (target < ${TARGET_MS} ms)`,
  );
  console.log(
    `${seeded.documents} documents → ${archiveBytes} bytes; identical archives: ${digests.size === 1}`,
  );
  for (const warning of warnings) console.log(`!!! ${warning}`);
  await mergeIntoResultsFile(RESULTS_PATH, { export: result });
  console.log(`\nwrote ${RESULTS_PATH} ("export")`);
  if (!result.valid) process.exitCode = 1;
} finally {
  await db.close();
  await target.cleanup();
}

/** The project and its active versions, read once, as the job reads them. */
async function loadPack(database: Database, scope: { tenantId: string; userId: string }, projectId: string) {
  return database.withTenant(scope, async (tx) => {
    const row = await createProjectRepository(tx).findLive(projectId);
    if (!row) throw new Error("the seeded project is missing");
    const project: PackProject = { id: row.id, name: row.name, description: row.description };
    const documents = (await createDocumentRepository(tx).listActive(projectId)).map(toPackDocument);
    return { project, documents };
  });
}

/** A queued export row, as `exports.create` writes it (untimed set-up of each job run). */
async function queueExport(
  database: Database,
  scope: { tenantId: string; userId: string },
  projectId: string,
) {
  const row = await database.withTenant(scope, (tx) =>
    createExportRepository(tx).insert({ projectId, expiresAt: new Date(Date.now() + 3600_000) }),
  );
  return { exportId: row.id, projectId, ...scope };
}

/** Runs `measured` warmup + iterations times (each after an untimed `setUp`) and summarises the timed runs. */
async function time(
  measured: () => Promise<unknown>,
  setUp: () => Promise<void> = async () => {},
): Promise<Timings> {
  const samples: number[] = [];
  for (let run = 0; run < warmup + iterations; run++) {
    await setUp();
    const started = performance.now();
    await measured();
    if (run >= warmup) samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (quantile: number) =>
    samples[Math.min(samples.length - 1, Math.ceil(quantile * samples.length) - 1)] ?? 0;
  return {
    median_ms: round(at(0.5)),
    p99_ms: round(at(0.99)),
    mean_ms: round(samples.reduce((sum, sample) => sum + sample, 0) / samples.length),
    min_ms: round(samples[0] ?? 0),
    max_ms: round(samples.at(-1) ?? 0),
  };
}

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}
