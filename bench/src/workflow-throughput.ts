// Part 2: steps per second with four workers. M about-steps on M projects, enqueued over HTTP with
// a bounded number of requests in flight; the clock runs from the first runStep request to the
// last `execution.succeeded` seen on the projects' SSE streams.

import { round } from "./load.ts";
import type { ApiProcess } from "./workflow-children.ts";
import { benchIdea, clientFor, createProjects, type ProjectWatch, watchProject } from "./workflow-client.ts";
import { type Distribution, distribution, epochMs, mapLimited } from "./workflow-stats.ts";

export interface ThroughputOptions {
  steps: number;
  warmup: number;
  /** runStep requests in flight at once while enqueueing. */
  enqueueConcurrency: number;
}

export interface ThroughputResult {
  steps: number;
  warmup: number;
  enqueue_concurrency: number;
  steps_per_s: number;
  wall_ms: number;
  enqueue_ms: number;
  /** runStep requests answered per second while enqueueing: the API side's rate. */
  enqueue_per_s: number;
  /** Completions per second between the first and the last succeeded event: the workers' rate. */
  completions_per_s: number;
  succeeded: number;
  failed: number;
  /** runStep request → execution.succeeded per step (includes waiting in the queue). */
  step_latency: Distribution;
  stream_errors: number;
}

export async function measureThroughput(
  api: ApiProcess,
  options: ThroughputOptions,
): Promise<ThroughputResult> {
  const client = clientFor(api.ready.url, api.ready.apiKey);
  const projects = await createProjects(client, options.warmup + options.steps, "throughput");
  const watches = await mapLimited(projects, 16, async (projectId) => {
    const watch = watchProject(client, projectId);
    await watch.opened;
    return { projectId, watch };
  });
  try {
    const enqueue = async ({ projectId, watch }: { projectId: string; watch: ProjectWatch }) => {
      const began = epochMs();
      const { executionId } = await client.workflow.runStep.mutate({
        projectId,
        step: "about",
        input: benchIdea,
      });
      return { began, enqueued: epochMs(), finished: watch.finished(executionId, 300_000) };
    };
    // Warm-up: every worker connected and JIT-warm before the clock starts.
    const warm = await mapLimited(watches.slice(0, options.warmup), options.enqueueConcurrency, enqueue);
    await Promise.all(warm.map(({ finished }) => finished));

    const started = epochMs();
    const enqueued = await mapLimited(watches.slice(options.warmup), options.enqueueConcurrency, enqueue);
    const enqueuedAt = Math.max(...enqueued.map((entry) => entry.enqueued));
    const results = await Promise.all(
      enqueued.map(async ({ began, finished }) => ({ began, seen: await finished })),
    );
    const ends = results.map(({ seen }) => seen.at.get(seen.terminal ?? "") ?? started);
    const lastEnd = Math.max(...ends);
    const firstEnd = Math.min(...ends);
    const succeeded = results.filter(({ seen }) => seen.terminal === "execution.succeeded").length;
    const wall = lastEnd - started;
    return {
      steps: options.steps,
      warmup: options.warmup,
      enqueue_concurrency: options.enqueueConcurrency,
      steps_per_s: round(succeeded / (wall / 1000)),
      wall_ms: round(wall),
      enqueue_ms: round(enqueuedAt - started),
      enqueue_per_s: round(enqueued.length / ((enqueuedAt - started) / 1000)),
      completions_per_s: round((succeeded - 1) / ((lastEnd - firstEnd) / 1000)),
      succeeded,
      failed: results.length - succeeded,
      step_latency: distribution(results.map(({ began }, index) => (ends[index] ?? began) - began)),
      stream_errors: watches.reduce((total, { watch }) => total + watch.streamErrors, 0),
    };
  } finally {
    for (const { watch } of watches) watch.close();
  }
}
