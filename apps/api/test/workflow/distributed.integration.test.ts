import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Database } from "@jeex/db/client";
import {
  answer,
  openPostgresTestDatabase,
  postgresTestEnv,
  slow,
  startFakeOpenAiServer,
  testPostgresUrl,
  uniqueSlug,
} from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validAboutOutput } from "../support/about-output.ts";
import { fakeLlmEnv } from "../support/fake-llm-server.ts";
import { finished, projectWithProgress, watchProgress } from "../support/progress.ts";
import { clientFor, provisionMember, startTestServer } from "../support/server.ts";

const workerEntry = fileURLToPath(new URL("../../src/worker.ts", import.meta.url));
const idea =
  "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking and reviews.";
const redisUrl = "redis://127.0.0.1:6379";

/**
 * API instances and workers as separate processes sharing Postgres, Redis Streams and BullMQ:
 * the production topology, on the machine's real services.
 */
describe.runIf(testPostgresUrl())("workflow across processes on real Redis and BullMQ", () => {
  let db: Database;
  let llm: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
  const prefix = `jeex-test-${uniqueSlug("wf")}`;
  const workers: ChildProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    db = openPostgresTestDatabase({ poolSize: 4 });
    // The model takes 1.5 s per answer, so a worker can be killed in the middle of a step.
    llm = await startFakeOpenAiServer({ replies: [slow(1500, answer(validAboutOutput(idea)))] });
    env = {
      RATE_LIMITS_ENABLED: "false",
      ...postgresTestEnv(),
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      WORKER_IN_API: "false",
      WORKER_LOCK_MS: "2000",
      ...fakeLlmEnv(llm, "test-model"),
    };
  });
  afterAll(async () => {
    await stopWorkers();
    await llm.close();
    await db.close();
  });

  async function stopWorkers() {
    await Promise.all(
      workers.splice(0).map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.exitCode !== null || worker.signalCode !== null) return resolve();
            worker.once("exit", () => resolve());
            worker.kill("SIGTERM");
          }),
      ),
    );
  }

  function startWorker() {
    const worker = spawn(process.execPath, [workerEntry], {
      env: { ...process.env, ...env, LOG_LEVEL: "warn", NODE_ENV: "test", JEEX_DEV_MODE: "true" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    workers.push(worker);
    return worker;
  }

  it("two API instances both stream the events a worker in a third process publishes", async () => {
    const a = await startTestServer(db, env);
    const b = await startTestServer(db, env);
    startWorker();
    try {
      const member = await provisionMember(db, a.config, "editor");
      const viaA = clientFor(a.url, member);
      const project = await viaA.projects.create.mutate({ name: "Walkies" });
      const onA = watchProgress(viaA, project.id);
      const onB = watchProgress(clientFor(b.url, member), project.id);
      await Promise.all([onA.opened, onB.opened]);
      const { executionId } = await viaA.workflow.runStep.mutate({
        projectId: project.id,
        step: "about",
        input: { idea },
      });
      await Promise.all([onA.until(finished(executionId), 30_000), onB.until(finished(executionId), 30_000)]);
      expect(onB.received.map((r) => r.id)).toEqual(onA.received.map((r) => r.id));
      expect(onA.received.at(-1)?.event.type).toBe("execution.succeeded");
      onA.close();
      onB.close();
    } finally {
      await a.stop();
      await b.stop();
      await stopWorkers();
    }
  });

  it("a worker killed mid-step: the job is retried by another worker and no version is duplicated", async () => {
    const api = await startTestServer(db, env);
    try {
      const member = await provisionMember(db, api.config, "editor");
      const client = clientFor(api.url, member);
      const { project, progress } = await projectWithProgress(client, "Crash test");
      const first = startWorker();
      const { executionId } = await client.workflow.runStep.mutate({
        projectId: project.id,
        step: "about",
        input: { idea },
      });
      await progress.until((events) => events.some((e) => e.event.type === "execution.started"), 30_000);
      first.kill("SIGKILL");
      startWorker();
      await progress.until(finished(executionId), 60_000);
      const execution = await client.workflow.executions.get.query({ executionId });
      expect(execution.status).toBe("succeeded");
      expect(execution.attempts).toBeGreaterThanOrEqual(2);
      const docs = (await client.documents.list.query({ projectId: project.id })).items;
      expect(docs.map((d) => [d.path, d.version])).toEqual([["docs/about.md", 1]]);
      const versions = await client.documents.versions.query({ documentId: docs[0]!.id });
      expect(versions.items).toHaveLength(1);
      progress.close();
    } finally {
      await api.stop();
      await stopWorkers();
    }
  });
});
