// Part 1: orchestration overhead per step on the template provider. One step at a time over HTTP
// (typed client), timed from the runStep request to the `execution.succeeded` event on the
// project's SSE stream; the provider's own time, measured inside the API, is subtracted.
import type { ApiProcess } from "./workflow-children.ts";
import {
  benchIdea,
  clientFor,
  createProjects,
  type JeexClient,
  type ProjectWatch,
  type RunStepInput,
  watchProject,
} from "./workflow-client.ts";
import type { StepTiming } from "./workflow-model-timer.ts";
import type { TimingsReply } from "./workflow-protocol.ts";
import { type Distribution, distribution, epochMs } from "./workflow-stats.ts";

export interface OverheadOptions {
  steps: number;
  /** Of `steps`, how many are `architecture` re-using an about project; the rest are `about`. */
  architectureSteps: number;
  warmup: number;
}

interface Sample {
  step: string;
  executionId: string;
  total_ms: number;
  request_ms: number;
  started_ms: number;
  ok: boolean;
}

export interface OverheadResult {
  steps: { about: number; architecture: number; warmup: number };
  failed: number;
  model_timed: number;
  overhead: Distribution;
  overhead_about: Distribution;
  overhead_architecture: Distribution;
  total: Distribution;
  model: Distribution;
  breakdown: {
    runstep_response: Distribution;
    request_to_started_event: Distribution;
    worker_handler: Distribution;
    /** Inside the handler: time in each kind of span (llm.call is the model), p50/p99 over steps. */
    spans: Record<string, Distribution>;
  };
  stream_errors: number;
}

export async function measureOverhead(api: ApiProcess, options: OverheadOptions): Promise<OverheadResult> {
  const client = clientFor(api.ready.url, api.ready.apiKey);
  const aboutSteps = Math.max(1, options.steps - options.architectureSteps);
  const architectureSteps = Math.min(options.architectureSteps, aboutSteps);
  const projects = await createProjects(client, options.warmup + aboutSteps, "overhead");
  const samples: Sample[] = [];
  let streamErrors = 0;
  for (const [index, projectId] of projects.entries()) {
    const watch = watchProject(client, projectId);
    await watch.opened;
    const warm = index < options.warmup;
    const about = await runOne(client, watch, { projectId, step: "about", input: benchIdea });
    if (!warm) samples.push(about);
    // Warm-up projects run architecture too, so neither agent is measured cold.
    if (warm || index - options.warmup < architectureSteps) {
      const architecture = await runOne(client, watch, { projectId, step: "architecture" });
      if (!warm) samples.push(architecture);
    }
    streamErrors += watch.streamErrors;
    watch.close();
  }
  const timings = await api.child.request<TimingsReply>({
    type: "timings",
    executionIds: samples.map((sample) => sample.executionId),
  });
  return summarise(
    samples,
    timings,
    { about: aboutSteps, architecture: architectureSteps },
    options,
    streamErrors,
  );
}

async function runOne(client: JeexClient, watch: ProjectWatch, input: RunStepInput): Promise<Sample> {
  const began = epochMs();
  const { executionId } = await client.workflow.runStep.mutate(input);
  const responded = epochMs();
  const seen = await watch.finished(executionId);
  const ended = seen.at.get(seen.terminal ?? "") ?? Number.NaN;
  return {
    step: input.step,
    executionId,
    total_ms: ended - began,
    request_ms: responded - began,
    started_ms: (seen.at.get("execution.started") ?? Number.NaN) - began,
    ok: seen.terminal === "execution.succeeded",
  };
}

function summarise(
  samples: Sample[],
  timings: StepTiming[],
  counts: { about: number; architecture: number },
  options: OverheadOptions,
  streamErrors: number,
): OverheadResult {
  const byId = new Map(timings.map((timing) => [timing.executionId, timing]));
  const good = samples.filter((sample) => sample.ok && byId.get(sample.executionId)?.model_calls);
  const overheadOf = (sample: Sample) => sample.total_ms - (byId.get(sample.executionId)?.model_ms ?? 0);
  const of = (pick: (sample: Sample) => number, step?: string) =>
    distribution(good.filter((sample) => !step || sample.step === step).map(pick));
  return {
    steps: { ...counts, warmup: options.warmup },
    failed: samples.filter((sample) => !sample.ok).length,
    model_timed: good.length,
    overhead: of(overheadOf),
    overhead_about: of(overheadOf, "about"),
    overhead_architecture: of(overheadOf, "architecture"),
    total: of((sample) => sample.total_ms),
    model: of((sample) => byId.get(sample.executionId)?.model_ms ?? 0),
    breakdown: {
      runstep_response: of((sample) => sample.request_ms),
      request_to_started_event: of((sample) => sample.started_ms),
      worker_handler: of((sample) => byId.get(sample.executionId)?.handler_ms ?? 0),
      spans: Object.fromEntries(
        [...new Set(timings.flatMap((timing) => Object.keys(timing.spans_ms)))].map((name) => [
          name,
          of((sample) => byId.get(sample.executionId)?.spans_ms[name] ?? 0),
        ]),
      ),
    },
    stream_errors: streamErrors,
  };
}
