import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Database } from "@jeex/db/client";
import { openPostgresTestDatabase, postgresTestEnv, testPostgresUrl, uniqueSlug } from "@jeex/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionMember, startTestServer } from "../support/server.ts";
import { exportAndWait, exportEvents, projectWithSteps } from "./support/pack.ts";

const workerEntry = fileURLToPath(new URL("../../src/worker.ts", import.meta.url));
const redisUrl = "redis://127.0.0.1:6379";

/** The production topology: the API only queues; a separate worker process builds the pack from BullMQ. */
describe.runIf(testPostgresUrl())("exports built by a dedicated worker on Redis and BullMQ", () => {
  let db: Database;
  let worker: ChildProcess | undefined;
  const prefix = `jeex-test-${uniqueSlug("exports")}`;
  const env = {
    RATE_LIMITS_ENABLED: "false",
    ...postgresTestEnv(),
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    WORKER_IN_API: "false",
  };

  beforeAll(async () => {
    db = openPostgresTestDatabase({ poolSize: 4 });
    worker = spawn(process.execPath, [workerEntry], {
      env: { ...process.env, ...env, LOG_LEVEL: "warn", NODE_ENV: "test", JEEX_DEV_MODE: "true" },
      stdio: ["ignore", "inherit", "inherit"],
    });
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker?.once("exit", resolve));
      worker.kill("SIGTERM");
      await exited;
    }
    await db.close();
    // Only this run's keys: the Redis server is shared.
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("the worker builds the export and its events reach the API's progress stream", async () => {
    const api = await startTestServer(db, env);
    try {
      const member = await provisionMember(db, api.config, "editor");
      const { client, project, progress } = await projectWithSteps(api.url, member);
      const done = await exportAndWait(client, progress, project.id);
      expect(done.status).toBe("succeeded");
      expect(exportEvents(progress, done.id).at(-1)?.type).toBe("export.succeeded");
      const response = await fetch(done.download?.url ?? "");
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBe(done.sizeBytes);
      progress.close();
    } finally {
      await api.stop();
    }
  });
});
