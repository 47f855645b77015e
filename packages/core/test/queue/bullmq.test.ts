import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createBullmqQueue, createBullmqWorker } from "../../src/queue/bullmq.ts";
import type { JobAttempt, JobQueue, JobRunner, StepJob } from "../../src/queue/port.ts";
import { stepJobs } from "../../src/queue/step-jobs.ts";
import { deletePrefixes, gate, sharedRedisUrl, stepJob, uniquePrefix } from "./support/harness.ts";

const waitLong = { timeout: 30_000, interval: 50 };
const prefixes: string[] = [];
const runners: JobRunner[] = [];
const queues: JobQueue<StepJob>[] = [];
const inspectors: Queue[] = [];

/** Short lock and stalled check so a dead worker's job comes back within seconds, not 30 s. */
const fastStalls = { lockDurationMs: 1000, stalledIntervalMs: 500 };

function setup() {
  const prefix = uniquePrefix(prefixes);
  const queue = createBullmqQueue({ connection: sharedRedisUrl, kind: stepJobs, prefix });
  queues.push(queue);
  const inspector = new Queue(stepJobs.name, { connection: { url: sharedRedisUrl }, prefix });
  inspectors.push(inspector);
  const worker = (handler: (job: StepJob, signal: AbortSignal, attempt: JobAttempt) => Promise<void>) => {
    const runner = createBullmqWorker({
      connection: sharedRedisUrl,
      kind: stepJobs,
      prefix,
      handler,
      ...fastStalls,
    });
    runners.push(runner);
    return runner;
  };
  return { prefix, queue, inspector, worker };
}

afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop(100);
  await Promise.all([
    ...queues.splice(0).map((q) => q.close()),
    ...inspectors.splice(0).map((q) => q.close()),
  ]);
  await deletePrefixes(prefixes);
});

describe("BullMQ jobs", () => {
  it("keys jobs by execution id and, by default, fails a job after three attempts", async () => {
    const { queue, inspector, worker } = setup();
    const job = stepJob();
    await queue.enqueue(job);
    expect(await inspector.getJobState(job.executionId)).toBe("waiting");
    const attempts: number[] = [];
    worker(async (_job, _signal, attempt) => {
      attempts.push(attempt.number);
      throw new Error(`attempt ${attempt.number} failed`);
    }).start();
    // Default backoff: 1 s, then 2 s.
    await vi.waitFor(
      async () => expect(await inspector.getJobState(job.executionId)).toBe("failed"),
      waitLong,
    );
    expect(attempts).toEqual([1, 2, 3]);
  }, 40_000);

  it("puts a job aborted by stop() back in the queue without spending an attempt", async () => {
    const { queue, inspector, worker } = setup();
    const started = gate();
    const first = worker(
      (_job, signal) =>
        new Promise<void>((_, reject) => {
          started.open();
          signal.addEventListener("abort", () => reject(signal.reason));
        }),
    );
    first.start();
    const job = stepJob();
    await queue.enqueue(job);
    await started.opened;
    await first.stop(50);
    expect(await inspector.getJobState(job.executionId)).toBe("waiting");

    const attempts: JobAttempt[] = [];
    worker(async (_job, _signal, attempt) => {
      attempts.push(attempt);
    }).start();
    await vi.waitFor(
      async () => expect(await inspector.getJobState(job.executionId)).toBe("completed"),
      waitLong,
    );
    expect(attempts).toEqual([{ number: 1, of: 3 }]);
  });

  it("hands a job whose worker process was killed mid-job to another worker", async () => {
    const { prefix, queue, inspector, worker } = setup();
    const job = stepJob();
    await queue.enqueue(job);

    const child = fork(
      fileURLToPath(new URL("./support/step-worker-process.ts", import.meta.url)),
      [sharedRedisUrl, prefix],
      {
        execArgv: [],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      },
    );
    const [message] = (await once(child, "message")) as [{ started: string }];
    expect(message.started).toBe(job.executionId);
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
    expect(await inspector.getJobState(job.executionId)).toBe("active");

    const completedBy: string[] = [];
    worker(async (picked) => {
      completedBy.push(picked.executionId);
    }).start();
    await vi.waitFor(
      async () => expect(await inspector.getJobState(job.executionId)).toBe("completed"),
      waitLong,
    );
    expect(completedBy).toEqual([job.executionId]);
  }, 40_000);
});
