// `pnpm bench`: projects.list through the full stack (API key, tenant transaction, RLS, tRPC)
// against a bare Fastify + postgres.js route running the same SELECT, on the same database.
import { resolveDatabaseTarget } from "./database-target.ts";
import { type LoadOptions, type LoadSummary, measure, round } from "./load.ts";
import { logMachine, sampleMachine } from "./machine.ts";
import { measurePathPairs, printPathPairs } from "./path-pairs.ts";
import type { ReadyMessage } from "./protocol.ts";
import { mergeIntoResultsFile, type ProjectsListResult, printTable, RESULTS_PATH } from "./report.ts";
import { checkTargetsAgree } from "./sanity.ts";
import { startServerProcess } from "./server-process.ts";

const options: LoadOptions = {
  connections: 64,
  durationS: numberFromEnv(process.env.BENCH_DURATION_S, 10, 1),
  warmupS: numberFromEnv(process.env.BENCH_WARMUP_S, 3, 0),
};
// The other paths get short windows: each adds 2 × (1 + 3) s to the run.
const pathOptions: LoadOptions = {
  connections: options.connections,
  durationS: numberFromEnv(process.env.BENCH_PATH_DURATION_S, 3, 1),
  warmupS: Math.min(options.warmupS, 1),
};

const machine = await sampleMachine();
const target = await resolveDatabaseTarget(process.env);
console.log(`database: ${target.note}`);
logMachine(machine);
if (target.kind === "pglite") console.log("!!! numbers below are PGlite numbers, not Postgres numbers");

let stopServers = async () => {};
let cleanedUp = false;
async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  await stopServers();
  await target.cleanup();
}
// Ctrl-C must still stop the child and drop the throw-away database.
process.once("SIGINT", async () => {
  await cleanup();
  process.exit(130);
});

try {
  const servers = await startServerProcess(target);
  stopServers = servers.stop;
  const { ready } = servers;
  const headers = { authorization: `Bearer ${ready.apiKey}` };
  const agreement = await checkTargetsAgree(ready, headers);
  console.log(
    `seeded ${ready.seeded.projects} projects (+${ready.seeded.otherTenantProjects} in another tenant); ` +
      `${options.connections} connections, ${options.warmupS} s warm-up + ${options.durationS} s measured each`,
  );
  console.log(`bare route: ${ready.bareDriver}; API rate limits: ${ready.rateLimits}`);

  console.log("driving trpc: GET /trpc/projects.list ...");
  const trpc = await measure(ready.trpcUrl, headers, options);
  console.log("driving bare: GET /projects ...");
  const bare = await measure(ready.bareUrl, {}, options);

  const paths = await measurePathPairs(ready.paths, headers, pathOptions);

  const result = {
    ...buildResult(ready, agreement, trpc, bare),
    paths: { ...paths, document_bytes: ready.documentBytes },
  };
  printTable(result, trpc, bare);
  printPathPairs(paths);
  await mergeIntoResultsFile(RESULTS_PATH, result);
  console.log(`\nwrote ${RESULTS_PATH}`);
  if (!result.projects_list.valid) process.exitCode = 1;
} finally {
  await cleanup();
}

function buildResult(
  ready: ReadyMessage,
  agreement: { items_per_page: number },
  trpc: LoadSummary,
  bare: LoadSummary,
): ProjectsListResult {
  const invalidating = [...problems("trpc", trpc), ...problems("bare", bare)];
  const warnings = [
    ...invalidating,
    ...(ready.database === "pglite" ? ["database is the embedded PGlite fallback, not Postgres"] : []),
  ];
  const run = {
    database: ready.database,
    connections: options.connections,
    duration_s: options.durationS,
    node: process.version,
    timestamp: new Date().toISOString(),
  };
  return {
    // Headline numbers at the top level; the details live in this benchmark's own section,
    // next to which later benchmarks (workflow, memory, export) add theirs.
    trpc_rps: trpc.rps,
    bare_rps: bare.rps,
    ratio: bare.rps > 0 ? round(trpc.rps / bare.rps, 3) : 0,
    trpc_p99_ms: trpc.latency_p99_ms,
    bare_p99_ms: bare.latency_p99_ms,
    ...run,
    projects_list: {
      ...run,
      warmup_s: options.warmupS,
      ...machine,
      pipelining: 1,
      pool_size: ready.poolSize,
      bare_driver: ready.bareDriver,
      rate_limits: ready.rateLimits,
      seeded: { projects: ready.seeded.projects, other_tenant_projects: ready.seeded.otherTenantProjects },
      items_per_page: agreement.items_per_page,
      trpc,
      bare,
      valid: invalidating.length === 0,
      warnings,
    },
  };
}

/** Error responses are cheap to serve, so any of them makes the requests-per-second meaningless. */
function problems(name: string, summary: LoadSummary): string[] {
  const found: string[] = [];
  if (summary.non2xx > 0) found.push(`${name}: ${summary.non2xx} non-2xx responses — this run is NOT valid`);
  if (summary.errors > 0) found.push(`${name}: ${summary.errors} connection errors/timeouts`);
  return found;
}

function numberFromEnv(value: string | undefined, fallback: number, minimum: number): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed >= minimum ? parsed : fallback;
}
