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
  fanout_spread:
    "S subscriptions to the workflow.events streams of P projects of one tenant (subscription i watches project " +
    "i mod P) on one API process, each a real HTTP SSE connection (bare fetch readers by default, or the typed " +
    "client with BENCH_SPREAD_READER=typed-client), spread over subscriber processes separate from the API, 64 " +
    "opening at a time per process. Projects are created through the API first (8 at a time). Then E " +
    "execution.progress events are appended through the API process's own event log on a fixed schedule: " +
    "event k is sent at start + (k - 1) / R (R events per second, not waiting for deliveries), to project " +
    "(k - 1) mod P. latency = receive time - publish time carried in the event (taken in the API just before " +
    "append), over every delivery; publish_delay = per event, publish time - its due time on the schedule " +
    "(the orchestrator's timer, IPC, and the API's event loop busy elsewhere: an event waits for it before " +
    "it can be appended), and latency_from_schedule = due time → received, so stalls before the append " +
    "count too. Deliveries are awaited up to 10 s after the last publish. expected = per " +
    "event, the open subscriptions of its project. events_per_s_published = (E - 1) / (last - first publish " +
    "time). Memory per subscription = (API memory once all are open - API memory after the projects were " +
    "created and before any subscription) / open subscriptions, both after a full GC (the API process runs " +
    "with --expose-gc; gc_forced says whether it did); RSS includes freed heap V8 has not returned, the " +
    "kernel's socket buffers are in neither. API CPU per event = the API's user + system CPU from all open to " +
    "the end of the run / E, so the 15 s SSE pings of every open stream are included; api_cpu_ms_per_open = the " +
    "API's CPU from before the first subscription to all open / open subscriptions.",
};
