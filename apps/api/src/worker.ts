#!/usr/bin/env node
import { closeTextWork } from "@jeex/core/text-work/pool";
import { pino } from "pino";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./database.ts";
import { createExportRuntime } from "./exports/runtime.ts";
import { loggerOptions } from "./logger.ts";
import { logStrayRejections } from "./process-guards.ts";
import { describeTelemetry, stopTelemetry } from "./telemetry/status.ts";
import { createWorkflowRuntime } from "./workflow/runtime.ts";

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
const db = openDatabase(config, "jeex-worker");
const runtime = createWorkflowRuntime(config, db, log, { runWorker: true });
// Export builds run here too, publishing on the same project event log as the steps.
const exportRuntime = createExportRuntime(config, db, log, { runWorker: true, events: runtime.events });
try {
  // A worker runs tenant transactions too: the same refusal as the API's when their login is unfit.
  await db.checkTenantLogin();
  await runtime.start();
  await exportRuntime.start();
  log.info({ database: db.description, concurrency: config.workflow.workerConcurrency }, "worker started");
} catch (error) {
  log.fatal({ err: error }, "worker failed to start");
  await db.close().catch(() => {});
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "worker stopping: finishing running steps");
  setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5000).unref();
  await exportRuntime.stop(config.shutdownTimeoutMs / 4);
  await runtime.stop(config.shutdownTimeoutMs);
  await closeTextWork();
  await db.close();
  await stopTelemetry();
  process.exit(0);
}
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
