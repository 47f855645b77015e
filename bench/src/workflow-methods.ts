// How each workflow number is measured, written into results/latest.json next to it.

export const METHODS = {
  overhead:
    "One step at a time through the real API over HTTP with the typed client (@jeex/client): `about` on fresh " +
    "projects (with the idea as input), and `architecture` on the first of those projects after their about. The " +
    "project's progress stream (workflow.events over SSE, typed client) is opened before each project's first " +
    "step and stays open. total = client clock from the start of the workflow.runStep request to the arrival " +
    "of that execution's `execution.succeeded` event on the stream. model = the template provider's own time, " +
    "measured inside the API process: the bench registers a timing-only OpenTelemetry tracer before loading " +
    "the API, and sums the `llm.call` spans (core's traceModelCall wraps every LlmProvider.generate: the " +
    "template provider's offline draft plus the schema parse) under the `workflow.step` span of that execution. " +
    "overhead = total - model: the HTTP request (auth, tenant transaction, execution insert), enqueue, queue " +
    "pick-up, claim and context load, memory recall, rendering, the persist transaction, the memory index " +
    "enqueue, every event append and the SSE delivery to the client. Warm-up steps are excluded (about " +
    "then architecture on each warm-up project, so neither agent is measured cold). Each mode starts its " +
    "own API process: in-process = the embedded event log and runner; redis = " +
    "Redis Streams + BullMQ with the worker in the API process (WORKER_IN_API=true). RATE_LIMITS_ENABLED=false, " +
    "LOG_LEVEL=warn. Client and API run on the same (shared) machine.",
  throughput:
    "M about-steps on M fresh projects (one step each), after 8 warm-up steps that make sure every worker is " +
    "connected. Each project's progress stream is open over SSE (typed client) before the clock starts. " +
    "workflow.runStep requests are sent with 16 in flight until all are enqueued; steps/s = succeeded steps / " +
    "(last `execution.succeeded` received - start of the first runStep request). step_latency is per step, " +
    "request start to its succeeded event, so it includes waiting in the queue. The API runs with " +
    "WORKER_IN_API=false; the workers are separate `node apps/api/src/worker.ts` processes with the same env, " +
    "WORKER_CONCURRENCY=1 and DATABASE_POOL_SIZE=4 each. Workers also run the memory index jobs each step " +
    "enqueues. Everything (API, 4 workers, Postgres, Redis, the client) shares the machine's CPUs.",
  fanout:
    "One project, N subscriptions to its workflow.events stream on one API process, each a real HTTP SSE " +
    "connection opened by the typed client (httpSubscriptionLink + eventsource ponyfill; or bare fetch readers " +
    "with BENCH_SUBSCRIBER_READER=raw-fetch), spread over subscriber processes separate from the API, 64 " +
    "opening at a time. Then E execution.progress events are appended through the API process's own event " +
    "log (server.workflow.events.append: the in-process log, or Redis Streams via XADD and the process's " +
    "blocking reader), one at a time: publish, wait until every subscriber has it (10 s timeout), 200 ms " +
    "pause, next. Each event carries its publish time (epoch ms, sub-ms resolution, taken in the API just " +
    "before append); each subscriber records receive time - publish time on arrival, so latency includes the " +
    "API's fan-out, the kernel, and the subscriber process's own queueing behind the other subscriptions of " +
    "that process. time_to_all = per event, the latency of the last subscriber to get it.",
};
