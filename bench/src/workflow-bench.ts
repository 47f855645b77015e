// `pnpm bench` (after export and memory) or `pnpm --filter @jeex/bench bench:workflow`: the workflow
// runtime through the real API over HTTP — (1) orchestration overhead per step on the template
// provider, (2) steps per second with four workers, (3) progress-subscription fan-out on one API
// process, (4) the same spread over many projects at a steady event rate. Numbers, not assertions;
// SPEC targets: overhead < 50 ms per step; 5,000 subscriptions per API process with an event
// reaching all at p99 < 250 ms; issue #13: 10,000 subscriptions over 1,000 projects at 50 events/s,
// p99 < 100 ms, <= 20 KB of API memory per subscription.
//
// Sizes: BENCH_WORKFLOW_STEPS (100), BENCH_WORKFLOW_ARCHITECTURE_STEPS (20), BENCH_WORKFLOW_WARMUP (5),
// BENCH_WORKFLOW_THROUGHPUT_STEPS (200), BENCH_WORKFLOW_WORKERS (4), BENCH_SUBSCRIBERS (comma-separated
// sizes, 500,5000), BENCH_FANOUT_EVENTS (10), BENCH_SUBSCRIBER_PROCESSES (2), BENCH_SUBSCRIBER_READER
// (typed-client | raw-fetch). Spread: BENCH_SPREAD_SUBSCRIBERS (10000), BENCH_SPREAD_PROJECTS (1000),
// BENCH_SPREAD_EVENTS_PER_S (50), BENCH_SPREAD_SECONDS (20), BENCH_SPREAD_PROCESSES (2),
// BENCH_SPREAD_READER (raw-fetch | typed-client); in-process only unless BENCH_WORKFLOW_MODES is set.
// Selection: BENCH_WORKFLOW_PARTS (overhead,throughput,fanout,fanout-spread), BENCH_WORKFLOW_MODES
// (in-process,redis). N subscriptions need ~N + 100 open files in the API process: raise `ulimit -n`
// first where the default is 1024 (children inherit it).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolveDatabaseTarget } from "./database-target.ts";
import { logMachine, sampleMachine } from "./machine.ts";
import { RESULTS_PATH } from "./report.ts";
import { METHODS } from "./workflow-methods.ts";
import { type RunContext, runFanout, runOverhead, runSpread, runThroughput } from "./workflow-parts.ts";
import { countKeysByPrefix, resolveRedis } from "./workflow-redis.ts";
import {
  type ModeName,
  printWorkflowTables,
  TARGETS,
  type WorkflowSection,
  writeWorkflowSection,
} from "./workflow-report.ts";
import { positiveIntFromEnv } from "./workflow-stats.ts";

const parts = new Set(
  listFromEnv("BENCH_WORKFLOW_PARTS", ["overhead", "throughput", "fanout", "fanout-spread"]),
);
const reader = process.env.BENCH_SUBSCRIBER_READER === "raw-fetch" ? "raw-fetch" : "typed-client";
// The typed client costs the subscriber processes far more CPU than raw fetch, which would then
// dominate the latency of 10,000 subscriptions on two cores.
const spreadReader = process.env.BENCH_SPREAD_READER === "typed-client" ? "typed-client" : "raw-fetch";
const spreadSubscribers = positiveIntFromEnv("BENCH_SPREAD_SUBSCRIBERS", TARGETS.spread_subscribers);

const machine = await sampleMachine();
const target = await resolveDatabaseTarget(process.env);
const redis = await resolveRedis(process.env);
console.log(`database: ${target.note}`);
console.log(`redis: ${redis.note}`);
logMachine(machine);

const ctx: RunContext = {
  target,
  redisUrl: redis.url,
  prefixBase: `jeex-bench:workflow:${Date.now().toString(36)}`,
  apiKeyHashSecret: randomBytes(32).toString("base64url"),
  modes: listFromEnv("BENCH_WORKFLOW_MODES", ["in-process", "redis"]).filter(
    (mode): mode is ModeName => mode === "in-process" || (mode === "redis" && redis.url !== undefined),
  ),
  active: new Set(),
  warnings: [],
  redisKeysDeleted: 0,
};
if (!redis.url) ctx.warnings.push(`${redis.note}: only the in-process event log and runner were measured`);
if (target.kind === "pglite") ctx.warnings.push("database is the embedded PGlite fallback, not Postgres");

let cleanedUp = false;
async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const stop of [...ctx.active]) await stop().catch(() => undefined);
  await target.cleanup();
}
process.once("SIGINT", async () => {
  await cleanup();
  process.exit(130);
});

const fanoutSizes = sizesFromEnv("BENCH_SUBSCRIBERS", [500, TARGETS.fanout_subscribers]);
const fileLimit = openFileLimit();
const mostSubscriptions = Math.max(
  parts.has("fanout") ? (fanoutSizes.at(-1) ?? 0) : 0,
  parts.has("fanout-spread") ? spreadSubscribers : 0,
);
if (mostSubscriptions > 0 && Number(fileLimit) < mostSubscriptions + 1024) {
  ctx.warnings.push(
    `ulimit -n is ${fileLimit}: too low for ${mostSubscriptions} subscriptions; run \`ulimit -n 65536\` first`,
  );
}

const section: WorkflowSection = {
  timestamp: new Date().toISOString(),
  node: process.version,
  database: target.kind,
  database_note: target.note,
  redis: redis.note,
  ulimit_nofile: fileLimit,
  machine,
  targets: TARGETS,
  warnings: ctx.warnings,
  durations_s: {},
  cleanup: {},
};
/** A part that fails is reported and the others still run; the run then exits non-zero. */
async function part(name: string, work: () => Promise<void>) {
  if (!parts.has(name)) return;
  const began = performance.now();
  try {
    await work();
    section.durations_s[name] = Math.round((performance.now() - began) / 100) / 10;
    console.log(`    (${name} took ${section.durations_s[name]} s)`);
  } catch (error) {
    ctx.warnings.push(`${name} FAILED: ${error instanceof Error ? error.message : String(error)}`);
    console.error(error);
    process.exitCode = 1;
  }
}

try {
  await part("overhead", async () => {
    section.overhead = {
      method: METHODS.overhead,
      modes: await runOverhead(ctx, {
        steps: positiveIntFromEnv("BENCH_WORKFLOW_STEPS", 100),
        architectureSteps: positiveIntFromEnv("BENCH_WORKFLOW_ARCHITECTURE_STEPS", 20),
        warmup: positiveIntFromEnv("BENCH_WORKFLOW_WARMUP", 5),
      }),
    };
  });
  await part("throughput", async () => {
    section.throughput = {
      method: METHODS.throughput,
      ...(await runThroughput(ctx, {
        steps: positiveIntFromEnv("BENCH_WORKFLOW_THROUGHPUT_STEPS", 200),
        warmup: 8,
        enqueueConcurrency: 16,
        workers: positiveIntFromEnv("BENCH_WORKFLOW_WORKERS", 4),
      })),
    };
  });
  await part("fanout", async () => {
    section.fanout = {
      method: METHODS.fanout,
      runs: await runFanout(ctx, fanoutSizes, {
        events: positiveIntFromEnv("BENCH_FANOUT_EVENTS", 10),
        processes: positiveIntFromEnv("BENCH_SUBSCRIBER_PROCESSES", 2),
        openConcurrency: 64,
        reader,
        eventTimeoutMs: 10_000,
        gapMs: 200,
      }),
    };
  });
  await part("fanout-spread", async () => {
    const eventsPerSecond = positiveIntFromEnv("BENCH_SPREAD_EVENTS_PER_S", TARGETS.spread_events_per_s);
    section.fanout_spread = {
      method: METHODS.fanout_spread,
      // Redis as well only when asked for: the goal is about one process, not the event log.
      runs: await runSpread(ctx, process.env.BENCH_WORKFLOW_MODES ? ctx.modes : ["in-process"], {
        subscribers: spreadSubscribers,
        projects: positiveIntFromEnv("BENCH_SPREAD_PROJECTS", TARGETS.spread_projects),
        eventsPerSecond,
        events: eventsPerSecond * positiveIntFromEnv("BENCH_SPREAD_SECONDS", 20),
        processes: positiveIntFromEnv("BENCH_SPREAD_PROCESSES", 2),
        openConcurrency: 64,
        reader: spreadReader,
        drainTimeoutMs: 10_000,
      }),
    };
  });
} finally {
  await cleanup();
}
section.cleanup = {
  database:
    target.kind === "postgres" && !process.env.BENCH_DATABASE_URL
      ? "throw-away database dropped"
      : "none created",
  redis_keys_deleted: ctx.redisKeysDeleted,
  redis_keys_left: redis.url ? await countKeysByPrefix(redis.url, ctx.prefixBase) : 0,
};
addTargetWarnings(section);
printWorkflowTables(section);
await writeWorkflowSection(RESULTS_PATH, section);
console.log(`\nwrote ${RESULTS_PATH} ("workflow")`);

function addTargetWarnings(result: WorkflowSection) {
  for (const [mode, r] of Object.entries(result.overhead?.modes ?? {})) {
    if (r.failed > 0) result.warnings.push(`overhead (${mode}): ${r.failed} steps did not succeed`);
    if (r.model_timed < r.steps.about + r.steps.architecture)
      result.warnings.push(`overhead (${mode}): provider time missing for some steps; they were left out`);
  }
  if (result.throughput && result.throughput.failed > 0)
    result.warnings.push(`throughput: ${result.throughput.failed} steps did not succeed`);
  for (const r of result.fanout?.runs ?? []) {
    const run = `fan-out (${r.mode}, ${r.requested_subscribers})`;
    if (r.open_subscribers < r.requested_subscribers)
      result.warnings.push(
        `${run}: only ${r.open_subscribers} of ${r.requested_subscribers} subscriptions opened`,
      );
    if (r.deliveries < r.expected_deliveries)
      result.warnings.push(`${run}: ${r.expected_deliveries - r.deliveries} deliveries missing`);
  }
  for (const r of result.fanout_spread?.runs ?? []) {
    const run = `fan-out spread (${r.mode})`;
    if (r.open_subscribers < r.requested_subscribers)
      result.warnings.push(
        `${run}: only ${r.open_subscribers} of ${r.requested_subscribers} subscriptions opened`,
      );
    const missing = r.expected_deliveries - (r.deliveries - r.misdelivered);
    if (missing > 0) result.warnings.push(`${run}: ${missing} deliveries missing`);
    if (r.misdelivered > 0) result.warnings.push(`${run}: ${r.misdelivered} deliveries to another project`);
    if (r.events_per_s_published < r.events_per_s_asked * 0.95)
      result.warnings.push(
        `${run}: published ${r.events_per_s_published} events/s of the ${r.events_per_s_asked} asked`,
      );
    if (!r.api_memory_subscribed.gc_forced)
      result.warnings.push(`${run}: memory sampled without a forced GC`);
  }
}

function openFileLimit(): string {
  try {
    return execFileSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

/** A comma-separated list of positive integers, ascending; the fallback when unset or invalid. */
function sizesFromEnv(name: string, fallback: number[]): number[] {
  const sizes = listFromEnv(name, []).map(Number);
  const valid = sizes.length > 0 && sizes.every((size) => Number.isInteger(size) && size > 0);
  return (valid ? sizes : fallback).sort((a, b) => a - b);
}

function listFromEnv(name: string, fallback: string[]): string[] {
  const value = process.env[name];
  return value
    ? value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean)
    : fallback;
}
