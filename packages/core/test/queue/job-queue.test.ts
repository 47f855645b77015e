import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { JobAttempt, JobHandler, StepJob } from "../../src/queue/port.ts";
import { JobRunnerStoppingError, PermanentJobError } from "../../src/queue/port.ts";
import { bullmqHarness, gate, inProcessHarness, type QueueHarness, stepJob } from "./support/harness.ts";

const waitLong = { timeout: 20_000, interval: 20 };
const quickRetry = { attempts: 3, backoffMs: 20 };

describe.each([inProcessHarness(), bullmqHarness()])("$name jobs", (harness: QueueHarness) => {
  afterEach(() => harness.cleanup());

  /** A started runner with quick retries; `failed` collects the jobs it reports failed for good. */
  const retryingRunner = (handler: JobHandler<StepJob>) => {
    const failed: StepJob[] = [];
    const { queue, runner } = harness.create({
      retry: quickRetry,
      handler,
      onFailed: (job) => failed.push(job),
    });
    runner.start();
    return { queue, failed };
  };

  it("runs queued jobs, never more than `concurrency` at once", async () => {
    const release = gate();
    let active = 0;
    let maxActive = 0;
    const done: string[] = [];
    const { queue, runner } = harness.create({
      concurrency: 2,
      handler: async (job) => {
        active++;
        maxActive = Math.max(maxActive, active);
        await release.opened;
        active--;
        done.push(job.executionId);
      },
    });
    runner.start();
    const jobs = Array.from({ length: 6 }, stepJob);
    for (const job of jobs) await queue.enqueue(job);

    await vi.waitFor(() => expect(active).toBe(2), waitLong);
    // Give a wrongly started third job the chance to show up before letting the first two go.
    await sleep(200);
    expect(active).toBe(2);
    release.open();
    await vi.waitFor(() => expect(done).toHaveLength(6), waitLong);
    expect(new Set(done)).toEqual(new Set(jobs.map((job) => job.executionId)));
    expect(maxActive).toBe(2);
  });

  it("runs an execution enqueued twice only once", async () => {
    const release = gate();
    const runs: string[] = [];
    const { queue, runner } = harness.create({
      concurrency: 1,
      handler: async (job) => {
        runs.push(job.executionId);
        await release.opened;
      },
    });
    runner.start();
    const [twice, after] = [stepJob(), stepJob()];
    await queue.enqueue(twice);
    await queue.enqueue({ ...twice });
    await vi.waitFor(() => expect(runs).toEqual([twice.executionId]), waitLong);
    await queue.enqueue({ ...twice });
    await queue.enqueue(after);
    release.open();
    await vi.waitFor(() => expect(runs).toContain(after.executionId), waitLong);
    expect(runs).toEqual([twice.executionId, after.executionId]);
  });

  it("retries a failing handler with backoff, then reports the job failed once", async () => {
    const attempts: JobAttempt[] = [];
    const { queue, failed } = retryingRunner(async (_job, _signal, attempt) => {
      attempts.push(attempt);
      throw new Error("model unavailable");
    });
    const job = stepJob();
    await queue.enqueue(job);
    await vi.waitFor(() => expect(failed).toEqual([job]), waitLong);
    expect(attempts).toEqual([
      { number: 1, of: 3 },
      { number: 2, of: 3 },
      { number: 3, of: 3 },
    ]);
  });

  it("completes a job whose retry succeeds, without reporting a failure", async () => {
    const succeeded: number[] = [];
    const { queue, failed } = retryingRunner(async (_job, _signal, attempt) => {
      if (attempt.number === 1) throw new Error("flaky");
      succeeded.push(attempt.number);
    });
    await queue.enqueue(stepJob());
    await vi.waitFor(() => expect(succeeded).toEqual([2]), waitLong);
    expect(failed).toEqual([]);
  });

  it("does not retry a PermanentJobError", async () => {
    let runs = 0;
    const { queue, failed } = retryingRunner(async () => {
      runs++;
      throw new PermanentJobError("output failed its schema twice");
    });
    await queue.enqueue(stepJob());
    await vi.waitFor(() => expect(failed).toHaveLength(1), waitLong);
    expect(runs).toBe(1);
  });

  it("stop() lets a job that finishes before the deadline complete", async () => {
    const [started, release] = [gate(), gate()];
    const finished: boolean[] = [];
    const { queue, runner } = harness.create({
      handler: async (_job, signal) => {
        started.open();
        await release.opened;
        finished.push(signal.aborted);
      },
    });
    runner.start();
    await queue.enqueue(stepJob());
    await started.opened;
    const stopping = runner.stop(60_000);
    release.open();
    await stopping;
    expect(finished).toEqual([false]);
  });

  it("stop() aborts handlers still running at the deadline", async () => {
    const started = gate();
    const reasons: unknown[] = [];
    const { queue, runner } = harness.create({
      handler: (_job, signal) =>
        new Promise<void>((_, reject) => {
          started.open();
          signal.addEventListener("abort", () => {
            reasons.push(signal.reason);
            reject(signal.reason);
          });
        }),
    });
    runner.start();
    await queue.enqueue(stepJob());
    await started.opened;
    await runner.stop(50);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(JobRunnerStoppingError);
  });

  it("rejects job data that fails the step job schema", async () => {
    const { queue } = harness.create({ handler: async () => {} });
    await expect(queue.enqueue({ ...stepJob(), executionId: "not-a-uuid" })).rejects.toThrow();
  });
});
