#!/usr/bin/env node
import { pino } from "pino";
import { ConfigError, loadConfig } from "./config.ts";
import { loggerOptions } from "./logger.ts";
import { logStrayRejections } from "./process-guards.ts";
import { createRuntime } from "./runtime/create-runtime.ts";
import { plugFeatures } from "./runtime/features.ts";
import { stopOnSignals } from "./stop-on-signals.ts";
import { describeTelemetry } from "./telemetry/status.ts";

// A dedicated step worker: `pnpm --filter @jeex/api worker`. Pulls jobs from BullMQ, so any number
// of these can run beside the API processes (set WORKER_IN_API=false on the API to leave it to them).

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
  if (!config.redisUrl)
    throw new ConfigError("the worker needs REDIS_URL (without Redis the API runs steps itself)");
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

const log = pino({ ...loggerOptions(config), base: { service: "jeex-worker" } });
const telemetry = describeTelemetry(config.telemetry, "./src/telemetry/register-worker.ts");
log[telemetry.level](telemetry.message);
logStrayRejections(log);
// The API's runtime (server.ts), with a worker and no HTTP: steps, index jobs and export builds.
const runtime = createRuntime(config, log, { runWorker: true, applicationName: "jeex-worker" });
const { db } = runtime;
// Export builds run here too, publishing on the same project event log as the steps.
plugFeatures(runtime);
try {
  // Refuses, as the API does, a tenant login that steps around RLS: a worker runs tenant transactions too.
  await runtime.start();
  log.info({ database: db.description, concurrency: config.workflow.workerConcurrency }, "worker started");
} catch (error) {
  log.fatal({ err: error }, "worker failed to start");
  await db.close().catch(() => {});
  process.exit(1);
}

stopOnSignals({
  log,
  message: "worker stopping: finishing running steps",
  // Running steps get the whole timeout (exports a quarter), then Redis, text work and the database close.
  stop: () => runtime.stop(config.shutdownTimeoutMs),
  deadlineMs: config.shutdownTimeoutMs + 5000,
});
