import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createBullmqQueue, createBullmqWorker } from "../../../src/queue/bullmq.ts";
import { createInProcessJobs } from "../../../src/queue/in-process.ts";
import type { JobHandler, JobQueue, JobRunner, RetryPolicy, StepJob } from "../../../src/queue/port.ts";
import { stepJobs } from "../../../src/queue/step-jobs.ts";

export const sharedRedisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export interface JobsUnderTest {
  queue: JobQueue<StepJob>;
  runner: JobRunner;
}

export interface JobsOptions {
  handler: JobHandler<StepJob>;
  concurrency?: number;
  retry?: RetryPolicy;
  onFailed?: (job: StepJob, error: unknown) => void;
}

/** One job-queue adapter as the shared behaviour suite sees it. */
export interface QueueHarness {
  name: string;
  create(options: JobsOptions): JobsUnderTest;
  /** Stops what create() made and removes its keys. */
  cleanup(): Promise<void>;
}

export function stepJob(): StepJob {
  return { executionId: randomUUID(), tenantId: randomUUID(), projectId: randomUUID(), userId: randomUUID() };
}

export function inProcessHarness(): QueueHarness {
  const made: JobsUnderTest[] = [];
  return {
    name: "in-process",
    create(options) {
      const jobs = createInProcessJobs({ kind: stepJobs, ...options });
      made.push({ queue: jobs, runner: jobs });
      return { queue: jobs, runner: jobs };
    },
    cleanup: () => stopAll(made),
  };
}

export function bullmqHarness(): QueueHarness {
  const made: JobsUnderTest[] = [];
  const prefixes: string[] = [];
  return {
    name: "bullmq",
    create(options) {
      const prefix = uniquePrefix(prefixes);
      const queue = createBullmqQueue({
        connection: sharedRedisUrl,
        kind: stepJobs,
        prefix,
        retry: options.retry,
      });
      const runner = createBullmqWorker({ connection: sharedRedisUrl, kind: stepJobs, prefix, ...options });
      made.push({ queue, runner });
      return { queue, runner };
    },
    async cleanup() {
      await stopAll(made);
      await deletePrefixes(prefixes);
    },
  };
}

export function uniquePrefix(prefixes: string[]): string {
  const prefix = `jeex-test-${randomUUID()}`;
  prefixes.push(prefix);
  return prefix;
}

async function stopAll(made: JobsUnderTest[]): Promise<void> {
  for (const { queue, runner } of made.splice(0)) {
    await runner.stop(100);
    await queue.close();
  }
}

export async function deletePrefixes(prefixes: string[]): Promise<void> {
  const redis = new Redis(sharedRedisUrl);
  try {
    for (const prefix of prefixes.splice(0)) {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== "0");
    }
  } finally {
    await redis.quit();
  }
}

/** A promise with its resolve function, for holding a handler until the test lets it go. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
