import { randomBytes } from "node:crypto";
import { draftOffline } from "@jeex/core/llm";
import type { Database } from "@jeex/db/client";
import {
  answer,
  openPostgresTestDatabase,
  postgresTestEnv,
  startFakeOpenAiServer,
  testPostgresUrl,
  uniqueSlug,
} from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeLlmEnv } from "../support/fake-llm-server.ts";
import { clientFor, provisionMember, type TestMember, tempDataDir, testConfig } from "../support/server.ts";
import {
  type OtlpReceiver,
  type ReceivedSpan,
  SPAN_KIND_SERVER,
  startOtlpReceiver,
} from "./support/otlp-receiver.ts";
import { type AppProcess, eventually, startAppProcess } from "./support/processes.ts";

const idea = "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking.";
const packSteps = ["about", "architecture", "plan", "specs"] as const;

/** A valid output of each step, as a model would return it (drafted offline from a fixed idea). */
const offlineOutput = (step: (typeof packSteps)[number]) =>
  draftOffline(step, {
    project: { name: "Walkies", description: "", language: "en" },
    idea: { idea },
    documents: [],
    previous: [],
    memory: [],
  });

/**
 * The production topology with tracing on: the API and a step worker as separate processes, each
 * started with its telemetry preload, sharing Postgres, Redis and BullMQ, exporting OTLP/JSON to a
 * receiver inside this test. One `workflow.runStep` must come back as one connected trace, down to
 * the model provider's HTTP call (a local OpenAI-compatible endpoint, so tokens are counted).
 */
describe.runIf(testPostgresUrl())("OpenTelemetry across the API and a worker process", () => {
  let receiver: OtlpReceiver;
  let llm: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
  let db: Database;
  let api: AppProcess;
  let worker: AppProcess;
  let member: TestMember;
  let projectId: string;
  let executionId: string;
  let exportId: string;
  let editedDocumentId: string;
  const apiKeySecret = randomBytes(32).toString("base64url");

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    llm = await startFakeOpenAiServer({ replies: packSteps.map((step) => answer(offlineOutput(step))) });
    db = openPostgresTestDatabase({ poolSize: 2 });
    const env = {
      NODE_ENV: "test",
      JEEX_DEV_MODE: "true",
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      DATA_DIR: tempDataDir(),
      ...postgresTestEnv(),
      REDIS_URL: "redis://127.0.0.1:6379",
      REDIS_KEY_PREFIX: `jeex-test-${uniqueSlug("otel")}`,
      API_KEY_HASH_SECRET: apiKeySecret,
      RATE_LIMITS_ENABLED: "false",
      ...fakeLlmEnv(llm, "test-model"),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_TRACES_EXPORTER: "otlp",
      OTEL_METRICS_EXPORTER: "otlp",
      OTEL_SERVICE_NAME: "",
      // Export within a fraction of a second, so the test does not wait for the defaults (5 s, 60 s).
      OTEL_BSP_SCHEDULE_DELAY: "100",
      OTEL_METRIC_EXPORT_INTERVAL: "300",
    };
    worker = startAppProcess("./src/telemetry/register-worker.ts", "./src/worker.ts", env);
    api = startAppProcess("./src/telemetry/register-api.ts", "./src/main.ts", {
      ...env,
      PORT: "0",
      WORKER_IN_API: "false",
    });
    const listening = await api.waitForLog((line) => /^Server listening at /.test(line.msg ?? ""));
    const url = (listening.msg ?? "").replace("Server listening at ", "");
    await worker.waitForLog((line) => line.msg === "worker started");

    member = await provisionMember(db, testConfig({ API_KEY_HASH_SECRET: apiKeySecret }), "editor");
    const client = clientFor(url, member);
    projectId = (await client.projects.create.mutate({ name: "Traced" })).id;
    const finished = async (read: () => Promise<{ status: string; error?: unknown }>) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const job = await read();
        if (job.status === "succeeded") return;
        if (job.status === "failed" || Date.now() > deadline)
          throw new Error(`the job ended ${job.status}: ${JSON.stringify(job.error ?? null)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    ({ executionId } = await client.workflow.runStep.mutate({ projectId, step: "about", input: { idea } }));
    await finished(() => client.workflow.executions.get.query({ executionId }));
    // The rest of the pack, so an export can be built; then an edit (re-indexed) and an export.
    for (const step of packSteps.slice(1)) {
      const run = await client.workflow.runStep.mutate({ projectId, step });
      await finished(() => client.workflow.executions.get.query({ executionId: run.executionId }));
    }
    const [about] = (await client.documents.list.query({ projectId })).items;
    if (!about) throw new Error("the about step left no document");
    editedDocumentId = about.id;
    await client.documents.saveEdit.mutate({
      documentId: about.id,
      baseVersionId: about.versionId,
      content: "# About\n\nEdited by hand, so memory indexes it again.",
    });
    exportId = (await client.exports.create.mutate({ projectId })).id;
    await finished(() => client.exports.get.query({ exportId }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await receiver?.close();
    await llm?.close();
    await db?.close();
  });

  const spanById = () => new Map(receiver.spans.map((span) => [span.spanId, span]));

  /** Span ids from `span` up to its trace's root, as far as they were received. */
  function ancestry(span: ReceivedSpan): string[] {
    const byId = spanById();
    const chain: string[] = [];
    for (let parent = span.parentSpanId; parent; parent = byId.get(parent)?.parentSpanId) chain.push(parent);
    return chain;
  }

  const runStepRequest = () =>
    receiver.spans.find(
      (span) =>
        span.service === "jeex-api" &&
        span.kind === SPAN_KIND_SERVER &&
        span.attributes["url.path"] === "/trpc/workflow.runStep",
    );

  it("says at start-up that the SDK runs, in both processes", async () => {
    for (const app of [api, worker]) {
      const line = await app.waitForLog((l) => /^telemetry: /.test(l.msg ?? ""));
      expect(line.msg).toMatch(/^telemetry: OpenTelemetry SDK exporting OTLP \(http\/json\) to http:/);
    }
  });

  it("one workflow.runStep is one trace: request → worker step → model call → provider, with the database", async () => {
    const request = await eventually(runStepRequest);
    expect(request.name).toBe("POST /trpc/:path");
    expect(request.parentSpanId).toBeUndefined();

    const step = await eventually(() =>
      receiver.spans.find((span) => span.name === "workflow.step" && span.traceId === request.traceId),
    );
    expect(step.service).toBe("jeex-worker");
    expect(ancestry(step)).toContain(request.spanId);

    const model = await eventually(() =>
      receiver.spans.find((span) => span.name === "llm.call" && span.traceId === request.traceId),
    );
    expect(model.service).toBe("jeex-worker");
    expect(ancestry(model)).toContain(step.spanId);

    // The provider's HTTP call (fetch, through the undici instrumentation) is inside the model call.
    const providerCall = await eventually(() =>
      receiver.spans.find(
        (span) =>
          span.traceId === request.traceId && String(span.attributes["url.full"]).startsWith(llm.baseUrl),
      ),
    );
    expect(ancestry(providerCall)).toContain(model.spanId);

    // The request's own transaction, and the worker's claim and persist transactions.
    const transactions = await eventually(() => {
      const found = receiver.spans.filter(
        (span) => span.name === "db.transaction" && span.traceId === request.traceId,
      );
      return found.some((span) => span.service === "jeex-worker") ? found : undefined;
    });
    const apiTransaction = transactions.find((span) => span.service === "jeex-api");
    expect(apiTransaction && ancestry(apiTransaction)).toContain(request.spanId);
    for (const span of transactions.filter((s) => s.service === "jeex-worker"))
      expect(ancestry(span)).toContain(step.spanId);

    // ioredis is patched through the ESM loader hook: BullMQ's enqueue shows up inside the request.
    const redis = receiver.spans.filter(
      (span) => span.traceId === request.traceId && span.attributes["db.system.name"] === "redis",
    );
    expect(redis.length).toBeGreaterThan(0);
    expect(receiver.rejected).toEqual([]);
  });

  const requestTo = (path: string) =>
    receiver.spans.find(
      (span) =>
        span.service === "jeex-api" && span.kind === SPAN_KIND_SERVER && span.attributes["url.path"] === path,
    );

  it("index and export jobs run in the worker as children of the request that caused them", async () => {
    // The step run asks for its documents to be indexed: the index job joins the runStep trace.
    const request = await eventually(runStepRequest);
    const step = await eventually(() =>
      receiver.spans.find((span) => span.name === "workflow.step" && span.traceId === request.traceId),
    );
    const stepIndexing = await eventually(() =>
      receiver.spans.find((span) => span.name === "memory.index" && span.traceId === request.traceId),
    );
    expect(stepIndexing.service).toBe("jeex-worker");
    expect(ancestry(stepIndexing)).toContain(step.spanId);

    // An edit through the API re-indexes the document: that job is a child of the saveEdit request.
    const edit = await eventually(() => requestTo("/trpc/documents.saveEdit"));
    const editIndexing = await eventually(() =>
      receiver.spans.find(
        (span) =>
          span.name === "memory.index" &&
          span.traceId === edit.traceId &&
          span.attributes["jeex.document_id"] === editedDocumentId,
      ),
    );
    expect(editIndexing.service).toBe("jeex-worker");
    expect(ancestry(editIndexing)).toContain(edit.spanId);

    const create = await eventually(() => requestTo("/trpc/exports.create"));
    const build = await eventually(() =>
      receiver.spans.find((span) => span.name === "exports.run" && span.traceId === create.traceId),
    );
    expect(build.service).toBe("jeex-worker");
    expect(build.attributes["jeex.export_id"]).toBe(exportId);
    expect(ancestry(build)).toContain(create.spanId);
  });

  it("the request and the step carry tenant and project; the step its execution and step name", async () => {
    const request = await eventually(runStepRequest);
    expect(request.attributes).toMatchObject({
      "jeex.tenant_id": member.tenantId,
      "jeex.project_id": projectId,
    });
    const step = await eventually(() =>
      receiver.spans.find((span) => span.name === "workflow.step" && span.traceId === request.traceId),
    );
    expect(step.attributes).toMatchObject({
      "jeex.tenant_id": member.tenantId,
      "jeex.project_id": projectId,
      "jeex.execution_id": executionId,
      "jeex.step": "about",
    });
  });

  it("exports metrics: request duration, step duration by step and outcome, tokens by tenant, queue depth", async () => {
    const points = (service: string, name: string) =>
      receiver.metrics
        .filter((metric) => metric.service === service && metric.name === name)
        .flatMap((metric) => metric.points);

    const requests = await eventually(() => {
      const found = points("jeex-api", "http.server.request.duration").filter(
        (point) => point.attributes["http.route"] === "/trpc/:path",
      );
      return found.length > 0 ? found : undefined;
    });
    expect(requests[0]?.count).toBeGreaterThan(0);

    const steps = await eventually(() => {
      const found = points("jeex-worker", "jeex.workflow.step.duration").filter(
        (point) => point.attributes["jeex.step"] === "about",
      );
      return found.length > 0 ? found : undefined;
    });
    expect(steps[0]?.attributes["jeex.outcome"]).toBe("succeeded");
    expect(steps[0]?.count).toBe(1);

    const tokens = await eventually(() => {
      const found = points("jeex-worker", "jeex.llm.tokens").filter(
        (point) => point.attributes["jeex.tenant_id"] === member.tenantId,
      );
      return found.length > 0 ? found : undefined;
    });
    // Each export interval repeats the cumulative points: the kinds are what counts.
    expect([...new Set(tokens.map((point) => point.attributes["gen_ai.token.type"]))].sort()).toEqual([
      "input",
      "output",
    ]);
    expect(tokens.every((point) => (point.value ?? 0) > 0)).toBe(true);

    const depth = await eventually(() => {
      const found = points("jeex-api", "jeex.queue.depth").filter(
        (point) => point.attributes["messaging.destination.name"] === "steps",
      );
      return found.length > 0 ? found : undefined;
    });
    expect(depth.map((point) => point.attributes["jeex.job.state"])).toContain("waiting");
  });

  it("log lines of the request carry its trace and span ids", async () => {
    const request = await eventually(runStepRequest);
    const completed = await api.waitForLog(
      (line) => line.msg === "request completed" && line.trace_id === request.traceId,
    );
    expect(completed.span_id).toBe(request.spanId);
    expect(completed.reqId).toEqual(expect.any(String));
  });

  it("flushes and exits cleanly on SIGTERM", async () => {
    expect(await worker.stop()).toBe(0);
    expect(await api.stop()).toBe(0);
  });
});
