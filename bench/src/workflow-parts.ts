// The four measurements, each with its own processes, started and stopped around it, and its own
// Redis key prefix, deleted afterwards.
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseTarget } from "./database-target.ts";
import { sampleMachine } from "./machine.ts";
import { type ApiProcess, startApi, startWorkers, workerEnv } from "./workflow-children.ts";
import { type FanoutOptions, type FanoutResult, measureFanout } from "./workflow-fanout.ts";
import { measureOverhead, type OverheadOptions, type OverheadResult } from "./workflow-overhead.ts";
import type { ServerSettings } from "./workflow-protocol.ts";
import { deleteKeysByPrefix } from "./workflow-redis.ts";
import type { ModeInfo, ModeName, Sampled } from "./workflow-report.ts";
import { measureSpread, type SpreadOptions, type SpreadResult } from "./workflow-spread.ts";
import { measureThroughput, type ThroughputOptions, type ThroughputResult } from "./workflow-throughput.ts";

export interface RunContext {
  target: DatabaseTarget;
  redisUrl: string | undefined;
  prefixBase: string;
  apiKeyHashSecret: string;
  modes: ModeName[];
  /** Stops whatever is running now; the orchestrator calls it on Ctrl-C. */
  active: Set<() => Promise<void>>;
  warnings: string[];
  redisKeysDeleted: number;
}

async function sampled<T>(work: () => Promise<T>): Promise<T & Sampled> {
  const machine_before = await sampleMachine();
  const result = await work();
  return { ...result, machine_before, load_avg_1m_after: Math.round((loadavg()[0] ?? 0) * 100) / 100 };
}

function settingsFor(ctx: RunContext, mode: ModeName, part: string): ServerSettings {
  return {
    databaseUrl: ctx.target.url,
    redisUrl: mode === "redis" ? ctx.redisUrl : undefined,
    keyPrefix: `${ctx.prefixBase}:${part}`,
    workerInApi: true,
    workerConcurrency: 2,
    poolSize: 10,
    apiKeyHashSecret: ctx.apiKeyHashSecret,
  };
}

/** Starts the API, runs `work`, stops it and deletes the part's Redis keys, whatever happens. */
async function withApi<T>(
  ctx: RunContext,
  settings: ServerSettings,
  label: string,
  work: (api: ApiProcess) => Promise<T>,
  nodeFlags: string[] = [],
) {
  const cleanup = async () => {
    if (settings.redisUrl)
      ctx.redisKeysDeleted += await deleteKeysByPrefix(settings.redisUrl, settings.keyPrefix);
  };
  let api: ApiProcess | undefined;
  const stop = async () => {
    await api?.stop();
    await cleanup();
  };
  ctx.active.add(stop);
  try {
    api = await startApi(settings, label, nodeFlags);
    return await work(api);
  } finally {
    ctx.active.delete(stop);
    await stop();
  }
}

function modeInfo(api: ApiProcess, worker: string): ModeInfo {
  return { event_log: api.ready.events, queue: api.ready.queue, worker };
}

export async function runOverhead(ctx: RunContext, options: OverheadOptions) {
  const modes: Partial<Record<ModeName, OverheadResult & Sampled & ModeInfo>> = {};
  for (const mode of ctx.modes) {
    console.log(`[1/4] overhead per step (${mode}): ${options.steps} steps + ${options.warmup} warm-up ...`);
    const settings = settingsFor(ctx, mode, `overhead-${mode}`);
    modes[mode] = await withApi(ctx, settings, `api ${mode}`, (api) =>
      sampled(async () => ({
        ...modeInfo(api, `in the API process, concurrency ${settings.workerConcurrency}`),
        ...(await measureOverhead(api, options)),
      })),
    );
  }
  return modes;
}

export async function runThroughput(ctx: RunContext, options: ThroughputOptions & { workers: number }) {
  const separate = ctx.redisUrl !== undefined && ctx.target.kind === "postgres";
  if (!separate) {
    ctx.warnings.push(
      `throughput: ${ctx.redisUrl ? "PGlite cannot be shared by processes" : "Redis is unavailable"}, so the ` +
        `in-process runner with concurrency ${options.workers} ran the steps instead of ${options.workers} worker processes`,
    );
  }
  const base = settingsFor(ctx, separate ? "redis" : "in-process", "throughput");
  const settings = separate
    ? { ...base, workerInApi: false }
    : { ...base, workerConcurrency: options.workers };
  const setup = separate
    ? `Redis + BullMQ, API with WORKER_IN_API=false and ${options.workers} worker processes (apps/api/src/worker.ts, WORKER_CONCURRENCY=1 each)`
    : `in-process runner in the API process, WORKER_CONCURRENCY=${options.workers} (fallback)`;
  console.log(`[2/4] throughput: ${options.steps} about-steps, ${setup} ...`);
  return withApi(ctx, settings, "api throughput", async (api) => {
    const workers = separate ? await startDedicatedWorkers(ctx, settings, options.workers) : undefined;
    try {
      const result: ThroughputResult & Sampled = await sampled(() => measureThroughput(api, options));
      return { ...result, setup };
    } finally {
      await workers?.stop();
    }
  });
}

async function startDedicatedWorkers(ctx: RunContext, settings: ServerSettings, count: number) {
  const dataDir = await mkdtemp(join(tmpdir(), "jeex-bench-workers-"));
  // Small pools: four workers and the API share a Postgres other people use too.
  const env = workerEnv({ ...settings, workerConcurrency: 1, poolSize: 4 }, dataDir);
  let workers: { stop(): Promise<void> } | undefined;
  const stop = async () => {
    await workers?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  ctx.active.add(stop);
  try {
    workers = await startWorkers(count, env);
  } catch (error) {
    ctx.active.delete(stop);
    await stop();
    throw error;
  }
  return {
    stop: async () => {
      ctx.active.delete(stop);
      await stop();
    },
  };
}

export type FanoutRun = FanoutResult & Sampled & ModeInfo & { mode: ModeName };

/** Every mode at every size (smallest first), each on a fresh API process. */
export async function runFanout(
  ctx: RunContext,
  sizes: number[],
  options: Omit<FanoutOptions, "subscribers">,
) {
  const runs: FanoutRun[] = [];
  for (const mode of ctx.modes) {
    for (const subscribers of sizes) {
      console.log(
        `[3/4] fan-out (${mode}): ${subscribers} subscriptions in ${options.processes} processes, ${options.events} events ...`,
      );
      const settings = settingsFor(ctx, mode, `fanout-${mode}-${subscribers}`);
      const run = await withApi(ctx, settings, `api ${mode}`, (api) =>
        sampled(async () => ({
          ...modeInfo(api, "in the API process"),
          ...(await measureFanout(api, { ...options, subscribers })),
        })),
      );
      runs.push({ mode, ...run });
    }
  }
  return runs;
}

export type SpreadRun = SpreadResult & Sampled & ModeInfo & { mode: ModeName };

/** The spread fan-out once per mode, each on a fresh API process that can be told to collect garbage. */
export async function runSpread(ctx: RunContext, modes: ModeName[], options: SpreadOptions) {
  const runs: SpreadRun[] = [];
  for (const mode of modes) {
    console.log(
      `[4/4] fan-out spread (${mode}): ${options.subscribers} subscriptions over ${options.projects} projects ` +
        `in ${options.processes} processes, ${options.events} events at ${options.eventsPerSecond}/s ...`,
    );
    const settings = settingsFor(ctx, mode, `spread-${mode}`);
    const run = await withApi(
      ctx,
      settings,
      `api ${mode}`,
      (api) =>
        sampled(async () => ({
          ...modeInfo(api, "in the API process"),
          ...(await measureSpread(api, options)),
        })),
      // So that the memory samples come after a full collection, not whenever V8 last ran one.
      ["--expose-gc"],
    );
    runs.push({ mode, ...run });
  }
  return runs;
}
