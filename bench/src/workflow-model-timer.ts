// Inside the API process: a minimal OpenTelemetry tracer that only times spans, so the bench can
// subtract the provider's own time (`llm.call`, opened by core's traceModelCall around every
// generate) from each step, measured where it happens rather than re-enacted elsewhere.
//
// The bench does not depend on @opentelemetry/api itself, so it loads core's copy. The API keeps its
// global provider on globalThis, shared by every copy of the package, but each copy's tracers bind to
// it when the module that asks for them is evaluated: `installModelTimer` must run before the API's
// modules are imported (workflow-server.ts imports them dynamically, afterwards).
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

type Attributes = Record<string, unknown>;

interface TimedSpan {
  name: string;
  attributes: Attributes;
  parent: TimedSpan | undefined;
  startedAt: number;
  endedAt: number | undefined;
}

export interface StepTiming {
  executionId: string;
  step: string;
  /** The worker's whole handler (`workflow.step` span): claim to last event. */
  handler_ms: number;
  /** Sum of `llm.call` spans inside it: the provider's own time. */
  model_ms: number;
  model_calls: number;
  /** Time inside each kind of span opened during the step (persist, memory, ...), by span name. */
  spans_ms: Record<string, number>;
}

interface OtelApi {
  trace: { setGlobalTracerProvider(provider: unknown): boolean };
}

const traceFlagsSampled = 1;

export function installModelTimer() {
  const active = new AsyncLocalStorage<TimedSpan>();
  const byExecution = new Map<string, StepTiming>();

  const finish = (span: TimedSpan) => {
    if (span.endedAt !== undefined) return;
    span.endedAt = performance.now();
    const duration = span.endedAt - span.startedAt;
    const root = rootStepOf(span);
    if (!root) return;
    const executionId = String(root.attributes["jeex.execution_id"]);
    const timing = byExecution.get(executionId) ?? {
      executionId,
      step: "",
      handler_ms: 0,
      model_ms: 0,
      model_calls: 0,
      spans_ms: {},
    };
    if (span === root) {
      timing.handler_ms = duration;
      timing.step = String(root.attributes["jeex.step"] ?? "");
    } else {
      timing.spans_ms[span.name] = (timing.spans_ms[span.name] ?? 0) + duration;
      if (span.name === "llm.call") {
        timing.model_ms += duration;
        timing.model_calls += 1;
      }
    }
    byExecution.set(executionId, timing);
  };

  const open = (name: string, options: { attributes?: Attributes } | undefined): TimedSpan => ({
    name,
    attributes: { ...options?.attributes },
    parent: active.getStore(),
    startedAt: performance.now(),
    endedAt: undefined,
  });

  const facade = (span: TimedSpan) => {
    const self = {
      spanContext: () => ({ traceId: "0".repeat(32), spanId: "0".repeat(16), traceFlags: traceFlagsSampled }),
      setAttribute: (key: string, value: unknown) => {
        span.attributes[key] = value;
        return self;
      },
      setAttributes: (values: Attributes) => {
        Object.assign(span.attributes, values);
        return self;
      },
      addEvent: () => self,
      addLink: () => self,
      addLinks: () => self,
      setStatus: () => self,
      updateName: () => self,
      recordException: () => {},
      isRecording: () => true,
      end: () => finish(span),
    };
    return self;
  };

  const tracer = {
    startSpan: (name: string, options?: { attributes?: Attributes }) => facade(open(name, options)),
    startActiveSpan: (name: string, ...rest: unknown[]) => {
      const fn = rest.at(-1) as (span: unknown) => unknown;
      const options = rest.length > 1 ? (rest[0] as { attributes?: Attributes }) : undefined;
      const span = open(name, options);
      return active.run(span, () => fn(facade(span)));
    },
  };

  const coreEntry = fileURLToPath(import.meta.resolve("@jeex/core/llm"));
  const otel = createRequire(coreEntry)("@opentelemetry/api") as OtelApi;
  if (!otel.trace.setGlobalTracerProvider({ getTracer: () => tracer })) {
    throw new Error("another OpenTelemetry tracer provider is registered; the model timer cannot run");
  }

  return {
    /** Timings of finished steps, by execution id. */
    timings: (executionIds: readonly string[]): StepTiming[] =>
      executionIds.flatMap((id) => {
        const timing = byExecution.get(id);
        return timing ? [timing] : [];
      }),
  };
}

/**
 * The `workflow.step` span a span ran under. A memory index job enqueued by the step is not part of
 * it: the in-process runner starts that job from inside the step's async context, so it would look
 * like a child, but it runs on its own (often after the step ended).
 */
function rootStepOf(span: TimedSpan): TimedSpan | undefined {
  let current: TimedSpan | undefined = span;
  while (current && current.name !== "workflow.step") {
    if (current.name === "memory.index") return undefined;
    current = current.parent;
  }
  return current;
}
