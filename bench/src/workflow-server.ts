// Child process: the real API (createServer + loadConfig), a tenant with an API key, and the model
// timer. Answers the orchestrator over IPC: step timings, publishing fan-out events, its own usage and
// memory.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exitWithParent, notifyParent, serveRequests } from "./workflow-ipc.ts";
import { installModelTimer } from "./workflow-model-timer.ts";
import {
  CHILD_SETTINGS_ENV,
  fanoutMessage,
  type MemorySample,
  type PublishReply,
  type ServerNotice,
  type ServerRequest,
  type ServerSettings,
} from "./workflow-protocol.ts";
import { epochMs, processUsage } from "./workflow-stats.ts";

const settings = JSON.parse(process.env[CHILD_SETTINGS_ENV] ?? "{}") as ServerSettings;
// Before the API's modules are evaluated: see workflow-model-timer.ts.
const timer = installModelTimer();
const { loadConfig } = await import("@jeex/api/config");
const { createServer } = await import("@jeex/api/server");
const { provisionApiKey } = await import("@jeex/core/api-keys");

const dataDir = await mkdtemp(join(tmpdir(), "jeex-bench-workflow-"));
const config = loadConfig({
  NODE_ENV: "development",
  JEEX_DEV_MODE: "true",
  DATABASE_URL: settings.databaseUrl ?? "",
  DATABASE_POOL_SIZE: String(settings.poolSize),
  MIGRATE_ON_START: "true",
  PORT: "0",
  LOG_LEVEL: "warn",
  DATA_DIR: dataDir,
  API_KEY_HASH_SECRET: settings.apiKeyHashSecret,
  EXPORT_SIGNING_SECRET: settings.apiKeyHashSecret,
  RATE_LIMITS_ENABLED: "false",
  // The fan-out bench opens thousands of streams with one key: above the per-user and per-tenant caps on purpose.
  SUBSCRIPTIONS_PER_USER: "100000",
  SUBSCRIPTIONS_PER_TENANT: "100000",
  SUBSCRIPTIONS_PER_PROCESS: "100000",
  RATE_LIMIT_KEY_PREFIX: `${settings.keyPrefix}:rl`,
  REDIS_URL: settings.redisUrl ?? "",
  REDIS_KEY_PREFIX: settings.keyPrefix,
  WORKER_IN_API: String(settings.workerInApi),
  WORKER_CONCURRENCY: String(settings.workerConcurrency),
  LLM_PROVIDER: "template",
  // Hundreds of steps are queued at once in one tenant, each reserving tokens: a budget they all fit in.
  MONTHLY_TOKEN_BUDGET: "1000000000",
});
const server = createServer(config);

let stopping: Promise<void> | undefined;
const shutdown = (code: number) => {
  stopping ??= (async () => {
    await server.stop().catch((error: unknown) => process.stderr.write(`stop failed: ${String(error)}\n`));
    await rm(dataDir, { recursive: true, force: true });
    process.exit(code);
  })();
  return stopping;
};
process.once("SIGTERM", () => shutdown(0));
process.once("SIGINT", () => shutdown(0));
exitWithParent(() => shutdown(0));

try {
  const { url } = await server.start();
  const run = Date.now().toString(36);
  const tenant = await provisionApiKey(server.db.system, config.apiKeys, {
    tenantSlug: `bench-workflow-${run}`,
    email: `bench-workflow-${run}@jeex.local`,
    role: "owner",
    keyName: "bench",
  });
  serveRequests((body) => handle(body as ServerRequest, tenant.tenantId));
  notifyParent({
    type: "ready",
    url,
    apiKey: tenant.apiKey,
    tenantId: tenant.tenantId,
    database: settings.databaseUrl ? "postgres" : "pglite",
    events: settings.redisUrl ? "redis-streams" : "in-process",
    queue: settings.redisUrl ? "bullmq" : "in-process",
  } satisfies ServerNotice);
} catch (error) {
  notifyParent({
    type: "failed",
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  } satisfies ServerNotice);
  await shutdown(1);
}

async function handle(request: ServerRequest, tenantId: string): Promise<unknown> {
  switch (request.type) {
    case "timings":
      return timer.timings(request.executionIds);
    case "publish": {
      // The publish time travels in the event, so each subscriber computes its own latency.
      const sentAt = epochMs();
      await server.workflow.events.append(
        { tenantId, projectId: request.projectId },
        {
          type: "execution.progress",
          executionId: crypto.randomUUID(),
          projectId: request.projectId,
          step: "about",
          at: new Date().toISOString(),
          percent: 50,
          message: fanoutMessage(request.seq, sentAt),
        },
      );
      return { seq: request.seq, sentAt, append_ms: epochMs() - sentAt } satisfies PublishReply;
    }
    case "usage":
      return processUsage();
    case "memory":
      return memorySample();
  }
}

/** Garbage is collected first when the orchestrator started this process with --expose-gc. */
function memorySample(): MemorySample {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const memory = process.memoryUsage();
  return {
    gc_forced: gc !== undefined,
    rss_bytes: memory.rss,
    heap_used_bytes: memory.heapUsed,
    heap_total_bytes: memory.heapTotal,
    external_bytes: memory.external,
    array_buffers_bytes: memory.arrayBuffers,
  };
}
