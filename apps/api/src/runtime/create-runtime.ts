import { type ProgressEvent, progressEventSchema } from "@jeex/contracts/agents/progress-events";
import type { EventLog } from "@jeex/core/events";
import { createMemoryEventLog, createRedisEventLog } from "@jeex/core/events";
import { closeTextWork } from "@jeex/core/text-work";
import type { Database } from "@jeex/db/client";
import type { FastifyBaseLogger } from "fastify";
import { Redis } from "ioredis";
import type { AppConfig } from "../config.ts";
import { openDatabase } from "../database.ts";
import { observeQueueDepth } from "../telemetry/queue-depth.ts";
import { telemetryStatus } from "../telemetry/status.ts";
import { createHousekeeping, type ExpiredRows, expiredSystemRows } from "./housekeeping.ts";
import { createJobRecovery, createJobRuntime, type JobRuntimeSpec, type LostJobs } from "./jobs.ts";

export interface RuntimeOptions {
  /** Take jobs in this process (the API with WORKER_IN_API, or the dedicated worker). */
  runWorker: boolean;
  /** The database's `application_name` when the runtime opens it. */
  applicationName: string;
  /** Share a database handle the caller owns (tests); it is then not closed by `stop`. */
  db?: Database;
}

/**
 * What a feature (workflow, memory, exports) plugs into the runtime: its jobs' runners start and
 * stop with it, the runtime's one recovery sweeps the records it can queue again, and its one
 * housekeeping sweep deletes the feature's expired rows.
 */
export interface RuntimeFeature {
  /** Accepted work of this feature whose job may be lost (see createJobRecovery). */
  lostJobs?: LostJobs[];
  /** Rows of this feature that expire (see createHousekeeping). */
  expiredRows?: ExpiredRows[];
  /** Its BullMQ queues that `jeex.queue.depth` reports. */
  queueNames?: string[];
  start?(): Promise<void>;
  /** `deadlineMs`: how long its running jobs may take to finish. */
  stop?(deadlineMs: number): Promise<void>;
}

/**
 * The infrastructure the API server and the dedicated worker share, composed once: the database
 * (opened here unless the caller owns it), Redis or the embedded in-process choice, the project
 * event log, the job runtime for every kind of job with one recovery sweep, one housekeeping sweep
 * of expired rows, the text-work pool, and one ordered `stop`. Workflow, memory and exports plug
 * in with `use`.
 *
 * Redis Streams + BullMQ when REDIS_URL is set, the in-process log and runner otherwise. A
 * configured Redis that does not answer is an error at `start`, not a silent fallback.
 */
export function createRuntime(config: AppConfig, log: FastifyBaseLogger, options: RuntimeOptions) {
  const { workflow, redisUrl } = config;
  const db = options.db ?? openDatabase(config, options.applicationName);

  // Connected in start(), where an unreachable Redis stops the process instead of degrading silently.
  const redis = redisUrl
    ? new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2, connectionName: "jeex:events" })
    : undefined;
  // Outages are reported by readiness and by the calls that fail; ioredis reconnects by itself.
  redis?.on("error", (error: Error) => log.warn({ err: error }, "redis connection error (events)"));
  const events: EventLog<ProgressEvent> = redis
    ? createRedisEventLog({
        redis,
        keyPrefix: workflow.redisKeyPrefix,
        maxLength: workflow.eventStreamMaxLength,
        parse: progressEventSchema.parse,
        log,
      })
    : createMemoryEventLog({
        maxLength: workflow.eventStreamMaxLength,
        parse: progressEventSchema.parse,
        log,
      });
  log.info(
    redis
      ? "events: Redis Streams; queue: BullMQ"
      : "events and queue: in-process (embedded default, one instance)",
  );

  /**
   * Features plugged in by one `use` call form a stage: stages start in order and stop in reverse
   * (what plugs in later may depend on what came before); a stage's features start one after the
   * other and stop together, under the same deadline.
   */
  const stages: RuntimeFeature[][] = [];
  const beforeDatabaseCloses: Array<() => void> = [];
  let recovery: ReturnType<typeof createJobRecovery> | undefined;
  let housekeeping: ReturnType<typeof createHousekeeping> | undefined;
  let queueDepth: ReturnType<typeof observeQueueDepth> | undefined;
  let stopping: Promise<void> | undefined;

  const features = () => stages.flat();

  return {
    config,
    log,
    db,
    /** The project event log: every feature publishes progress on it; closed after they stop. */
    events,
    /** One kind of job on this runtime's queue choice (BullMQ or in-process), with a runner when it works here. */
    jobs<J>(spec: Omit<JobRuntimeSpec<J>, "runWorker">) {
      return createJobRuntime(config, log, { ...spec, runWorker: options.runWorker });
    },
    /** Plugs features in as one stage (see `stages`); returns them for chaining. */
    use<F extends RuntimeFeature[]>(...plugged: F): F {
      if (recovery) throw new Error("features plug in before the runtime starts");
      stages.push(plugged);
      return plugged;
    },
    /** Runs after the features, Redis and the text-work pool stopped, before the database closes. */
    beforeDatabaseCloses(close: () => void) {
      beforeDatabaseCloses.push(close);
    },
    async start() {
      // The API and the worker both run tenant transactions: refuse a login that steps around RLS.
      await db.checkTenantLogin();
      await redis?.connect().catch((error: Error) => {
        throw new Error(`REDIS_URL is set but Redis does not answer (${error.message})`);
      });
      for (const stage of stages) for (const feature of stage) await feature.start?.();
      recovery = createJobRecovery(
        config,
        log,
        features().flatMap((feature) => feature.lostJobs ?? []),
      );
      await recovery.start();
      // EXPORT_SWEEP_INTERVAL_SECONDS predates the other kinds: it kept its name so deployments keep it.
      housekeeping = createHousekeeping(log, config.exports.sweepIntervalMs, [
        ...expiredSystemRows(db),
        ...features().flatMap((feature) => feature.expiredRows ?? []),
      ]);
      housekeeping.start();
      // Read only when metrics are exported; the in-process runner's queue is not observed.
      if (redisUrl && telemetryStatus().sdkRunning)
        queueDepth = observeQueueDepth({
          connection: redisUrl,
          prefix: workflow.redisKeyPrefix,
          queueNames: features().flatMap((feature) => feature.queueNames ?? []),
        });
    },
    /** One re-queue pass now over every kind, or the named ones (start() runs the first; with Redis a timer runs the rest). */
    recoverLostJobs(only?: readonly string[]): Promise<Record<string, number>> {
      if (!recovery) throw new Error("the runtime has not started");
      return recovery.sweep(only);
    },
    /** One housekeeping pass now (start() runs the first, a timer the rest); how many rows of each kind it deleted. */
    sweepExpired(now?: Date): Promise<Record<string, number>> {
      if (!housekeeping) throw new Error("the runtime has not started");
      return housekeeping.sweep(now);
    },
    /**
     * Idempotent. The recovery and housekeeping timers (and a pass under way), then the features
     * (last stage first: export builds, then steps and memory indexing; `deadlineMs` is how long
     * running jobs may take), their queues' depth gauge, the event log, Redis, the text-work pool (the last jobs may still have been
     * scoring, chunking or drafting on it), then the database unless the caller owns it.
     */
    stop(deadlineMs: number): Promise<void> {
      stopping ??= (async () => {
        await recovery?.stop();
        await housekeeping?.stop();
        for (const stage of [...stages].reverse())
          await Promise.all(stage.map((feature) => feature.stop?.(deadlineMs)));
        await queueDepth?.close();
        await events.close();
        await redis?.quit().catch(() => {});
        await closeTextWork();
        for (const close of beforeDatabaseCloses) close();
        if (!options.db) await db.close();
      })();
      return stopping;
    },
    /** Readiness: a configured Redis must answer. */
    async ping() {
      if (redis) await redis.ping();
    },
  };
}

export type Runtime = ReturnType<typeof createRuntime>;
