import type { Database } from "@jeex/db/client";
import {
  answer,
  slow,
  startFakeOpenAiServer,
  startRedisServer,
  type TestRedisServer,
} from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oneDatabaseTarget } from "../security/support/database.ts";
import { validAboutOutput } from "../support/about-output.ts";
import { fakeLlmEnv } from "../support/fake-llm-server.ts";
import { finished, projectWithProgress } from "../support/progress.ts";
import { clientFor, provisionMember, startTestServer, tempDataDir } from "../support/server.ts";

const idea =
  "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking and reviews.";

/** Fault drill on real services: the Redis behind the queue and the event streams restarts mid-run. */
describe("Redis restarts while a run streams its progress", () => {
  let db: Database;
  let redis: TestRedisServer;
  let llm: Awaited<ReturnType<typeof startFakeOpenAiServer>>;

  beforeAll(async () => {
    db = await oneDatabaseTarget().open();
    redis = await startRedisServer({ appendOnlyDir: tempDataDir() });
    // The model takes 3 s: long enough to restart Redis while the step is running.
    llm = await startFakeOpenAiServer({ replies: [slow(3000, answer(validAboutOutput(idea)))] });
  });
  afterAll(async () => {
    await llm.close();
    await redis.stop();
    await db.close();
  });

  it("the run finishes, the subscriber misses nothing, and readiness reports Redis down meanwhile", async () => {
    const api = await startTestServer(db, {
      RATE_LIMITS_ENABLED: "false",
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: redis.keyPrefix(),
      ...fakeLlmEnv(llm, "drill-model"),
    });
    try {
      const member = await provisionMember(db, api.config, "editor");
      const client = clientFor(api.url, member);
      const { project, progress } = await projectWithProgress(client, "Drill");
      const { executionId } = await client.workflow.runStep.mutate({
        projectId: project.id,
        step: "about",
        input: { idea },
      });
      await progress.until((events) => events.some((e) => e.event.type === "execution.started"));

      const downAt = Date.now();
      await redis.stop();
      const readiness = await fetch(`${api.url}/readyz`);
      expect(readiness.status).toBe(503);
      expect(await readiness.json()).toMatchObject({ redis: "down" });
      await redis.restart();
      const recoveredAfterMs = Date.now() - downAt;

      await progress.until(finished(executionId), 60_000);
      expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
      const types = progress.received.map((r) => r.event.type);
      expect(types).toEqual([
        "execution.queued",
        "execution.started",
        "execution.progress",
        "execution.progress",
        "document.created",
        "execution.succeeded",
      ]);
      const ids = progress.received.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect((await client.workflow.executions.get.query({ executionId })).status).toBe("succeeded");
      expect(recoveredAfterMs).toBeGreaterThan(0);
      console.info(
        `drill redis-restart: Redis down and back in ${recoveredAfterMs} ms; ${ids.length} events, none missed or repeated; run succeeded`,
      );
      progress.close();
    } finally {
      await api.stop();
    }
  });
});
