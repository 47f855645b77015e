import { randomBytes } from "node:crypto";
import { agentNames } from "@jeex/contracts/steps";
import { createExport, exportJobs } from "@jeex/core/exports";
import { memoryIndexJobs } from "@jeex/core/memory";
import { createBullmqQueue, stepJobs } from "@jeex/core/queue";
import { contextOfTraceparent, insertQueued, lifecycleStoreOf } from "@jeex/core/workflow";
import type { Database } from "@jeex/db/client";
import {
  createDocumentRepository,
  createExportRepository,
  createIdempotencyRepository,
  createMemoryIndexRequestRepository,
  createProjectRepository,
} from "@jeex/db/repositories";
import type { TenantScope } from "@jeex/db/tenant";
import { databaseTargets, rawRows, uniqueSlug } from "@jeex/db/testing";
import { context, type ProxyTracerProvider, trace } from "@opentelemetry/api";
import { ExportResultCode } from "@opentelemetry/core";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { type Job, Queue } from "bullmq";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idea, projectWithSteps } from "../exports/support/pack.ts";
import { eventually } from "../memory/support/eventually.ts";
import { provisionMember, startTestServer } from "../support/server.ts";

const redisUrl = "redis://127.0.0.1:6379";
const HOUR_MS = 3600_000;

type SpanExporter = NonNullable<NonNullable<ConstructorParameters<typeof NodeSDK>[0]>["traceExporter"]>;
type FinishedSpan = Parameters<SpanExporter["export"]>[0][number];

/** Keeps every finished span in memory (the test reads them after a flush). */
const finished: FinishedSpan[] = [];
const exporter: SpanExporter = {
  export(spans, done) {
    finished.push(...spans);
    done({ code: ExportResultCode.SUCCESS });
  },
  shutdown: async () => {},
};

/** A W3C traceparent of a trace of its own, as the request that accepted the work carried. */
function newTraceparent() {
  const traceId = randomBytes(16).toString("hex");
  const spanId = randomBytes(8).toString("hex");
  return { header: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

/** Trace and parent span of a stored traceparent header. */
function parsedTraceparent(header: string | null | undefined) {
  const [, traceId, spanId] = (header ?? "").split("-");
  return { header: header ?? "", traceId: traceId ?? "", spanId: spanId ?? "" };
}

/** The spans named `name` whose attribute `key` is `value`. */
const spansOf = (name: string, key: string, value: string) =>
  finished.filter((span) => span.name === name && span.attributes[key] === value);

let sdk: NodeSDK;
const savedEnv = { metrics: process.env.OTEL_METRICS_EXPORTER, logs: process.env.OTEL_LOGS_EXPORTER };
beforeAll(() => {
  // Only traces, into memory: nothing is exported anywhere.
  process.env.OTEL_METRICS_EXPORTER = "none";
  process.env.OTEL_LOGS_EXPORTER = "none";
  // Registers the W3C trace-context propagator and an async-hooks context manager with the tracer.
  sdk = new NodeSDK({ traceExporter: exporter, instrumentations: [], autoDetectResources: false });
  sdk.start();
});
afterAll(async () => {
  await sdk.shutdown();
  process.env.OTEL_METRICS_EXPORTER = savedEnv.metrics;
  process.env.OTEL_LOGS_EXPORTER = savedEnv.logs;
});

const flushSpans = () =>
  (
    (trace.getTracerProvider() as ProxyTracerProvider).getDelegate() as unknown as {
      forceFlush(): Promise<void>;
    }
  ).forceFlush();

/**
 * With Redis, the API commits a queued execution, export or index request and only then adds its
 * BullMQ job: a process killed in between leaves a row without a job. The recovery pass adds those
 * again under their own job ids once they are older than JOB_RECOVERY_GRACE_SECONDS, with the
 * traceparent their row kept; a job Redis still holds is left as it is.
 */
describe.each(databaseTargets())("BullMQ recovery of work accepted before a crash on $name", (target) => {
  let db: Database;
  const prefix = `jeex-test-${uniqueSlug("recovery")}`;
  // Work of other suites on a shared database is newer than this grace; this test backdates its own.
  const env = {
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    JOB_RECOVERY_GRACE_SECONDS: "600",
    JOB_RECOVERY_INTERVAL_SECONDS: "3600",
  };
  const queues = [stepJobs.name, exportJobs.name, memoryIndexJobs.name].map(
    (name) => new Queue(name, { connection: { url: redisUrl }, prefix }),
  );
  const [steps, exportsQueue, indexing] = queues as [Queue, Queue, Queue];

  beforeAll(async () => {
    db = await target.open();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(queues.map((queue) => queue.close()));
    await db.close();
    // Only this run's keys: the Redis server is shared.
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  /** Every job of `queue` with id `id`, whatever its state. */
  async function jobsWithId(queue: Queue, id: string): Promise<Job[]> {
    const all = await queue.getJobs(["waiting", "active", "delayed", "prioritized", "completed", "failed"]);
    return all.filter((job) => job.id === id);
  }

  it("rows left without a job are queued once, with their trace; a job still in Redis is not doubled", async () => {
    const first = await startTestServer(db, env);
    const member = await provisionMember(db, first.config, "editor");
    const { project, progress } = await projectWithSteps(first.url, member);
    progress.close();
    await first.stop();
    const scope: TenantScope = { tenantId: member.tenantId, userId: member.userId };

    // The crash window: each row is committed through its create path, and its job is never added.
    const runTrace = newTraceparent();
    const run = await context.with(contextOfTraceparent(runTrace.header), () =>
      db.withTenant(scope, (tx) =>
        insertQueued(lifecycleStoreOf(tx), {
          projectId: project.id,
          step: "about",
          agent: agentNames.about,
          input: { idea },
        }),
      ),
    );
    const createWithoutDispatch = () =>
      db.withTenant(scope, (tx) =>
        createExport(
          {
            exports: createExportRepository(tx),
            projects: createProjectRepository(tx),
            documents: createDocumentRepository(tx),
            idempotency: createIdempotencyRepository(tx),
            exportTtlMs: HOUR_MS,
            afterCommit: () => {}, // the process died before its after-commit work ran
            dispatch: () => Promise.reject(new Error("never dispatched")),
          },
          { projectId: project.id },
        ),
      );
    const exportTrace = newTraceparent();
    const lost = await context.with(contextOfTraceparent(exportTrace.header), createWithoutDispatch);
    // Accepted a moment ago: its own process may still be adding the job, so the sweep leaves it.
    const fresh = await createWithoutDispatch();
    // One whose job did reach Redis (the process died after the add): the sweep must not replace it.
    const keptTrace = newTraceparent();
    const kept = await db.withTenant(scope, (tx) =>
      createExportRepository(tx).insert({ projectId: project.id, expiresAt: new Date(Date.now() + HOUR_MS) }),
    );
    const exportQueue = createBullmqQueue({ connection: redisUrl, prefix, kind: exportJobs });
    await exportQueue.enqueue({
      exportId: kept.id,
      tenantId: member.tenantId,
      projectId: project.id,
      userId: member.userId,
      traceparent: keptTrace.header,
    });
    await exportQueue.close();
    const indexTrace = newTraceparent();
    const [planDoc] = await db.withTenant(scope, (tx) =>
      rawRows<{ id: string; active_version_id: string }>(
        tx,
        sql`select id, active_version_id from documents
            where project_id = ${project.id} and step = 'plan' and active_version_id is not null limit 1`,
      ),
    );
    if (!planDoc) throw new Error("the plan step wrote no document");
    const index = {
      documentId: planDoc.id,
      versionId: planDoc.active_version_id,
      requestedAt: Date.now() - HOUR_MS,
      traceparent: indexTrace.header,
    };
    await db.withTenant(scope, async (tx) => {
      await createMemoryIndexRequestRepository(tx).record(index);
      // Accepted an hour ago, past the grace period.
      await rawRows(
        tx,
        sql`update agent_executions set queued_at = now() - interval '1 hour' where id = ${run.id}`,
      );
      await rawRows(
        tx,
        sql`update exports set created_at = now() - interval '1 hour' where id in (${lost.id}, ${kept.id})`,
      );
    });

    // The create paths keep the request's trace on the row.
    const [runRow] = await db.withTenant(scope, (tx) =>
      rawRows<{ traceparent: string | null }>(
        tx,
        sql`select traceparent from agent_executions where id = ${run.id}`,
      ),
    );
    const [exportRow] = await db.withTenant(scope, (tx) =>
      rawRows<{ traceparent: string | null }>(tx, sql`select traceparent from exports where id = ${lost.id}`),
    );
    // The same trace; the parent is the span of the create's transaction inside the request.
    const runStored = parsedTraceparent(runRow?.traceparent);
    const exportStored = parsedTraceparent(exportRow?.traceparent);
    expect(runStored.traceId).toBe(runTrace.traceId);
    expect(exportStored.traceId).toBe(exportTrace.traceId);

    // An API without a worker: its start-up pass queues the lost rows; two more passes add nothing.
    const queuer = await startTestServer(db, { ...env, WORKER_IN_API: "false" });
    try {
      for (let pass = 0; pass < 2; pass++) {
        const offered = await queuer.server.runtime.recoverLostJobs();
        expect(offered[stepJobs.name]).toBeGreaterThanOrEqual(1);
        expect(offered[exportJobs.name]).toBeGreaterThanOrEqual(2);
        expect(offered[memoryIndexJobs.name]).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await queuer.stop();
    }
    const indexJobId = memoryIndexJobs.idOf({ ...index, tenantId: member.tenantId, userId: member.userId });
    expect((await jobsWithId(steps, run.id)).length).toBe(1);
    expect((await jobsWithId(exportsQueue, lost.id)).length).toBe(1);
    expect((await jobsWithId(indexing, indexJobId)).length).toBe(1);
    const keptJobs = await jobsWithId(exportsQueue, kept.id);
    expect(keptJobs.map((job) => job.data.traceparent)).toEqual([keptTrace.header]);
    expect(await jobsWithId(exportsQueue, fresh.id)).toEqual([]);

    // A server with a worker runs each once.
    const worker = await startTestServer(db, env);
    try {
      const states = () =>
        db.withTenant(scope, async (tx) => ({
          run: await rawRows<{ status: string; attempts: number }>(
            tx,
            sql`select status, attempts from agent_executions where id = ${run.id}`,
          ),
          exports: await rawRows<{ id: string; status: string }>(
            tx,
            sql`select id, status from exports where id in (${lost.id}, ${kept.id}, ${fresh.id}) order by id`,
          ),
          requests: await rawRows<{ requested_at: string }>(
            tx,
            sql`select requested_at from memory_index_requests where document_id = ${index.documentId}`,
          ),
        }));
      const settled = await eventually(
        states,
        (s) =>
          s.run[0]?.status === "succeeded" &&
          s.exports.filter((row) => row.status === "succeeded").length === 2 &&
          s.requests.length === 0,
        60_000,
      );
      expect(settled.run[0]?.attempts).toBe(1);
      expect(settled.exports.find((row) => row.id === fresh.id)?.status).toBe("queued");

      for (const [queue, id] of [
        [steps, run.id],
        [exportsQueue, lost.id],
        [exportsQueue, kept.id],
        [indexing, indexJobId],
      ] as const) {
        const jobs = await jobsWithId(queue, id);
        expect(jobs.length, `${queue.name} jobs with id ${id}`).toBe(1);
        // The row is settled inside the job; BullMQ marks the job completed just after it returns.
        await expect.poll(() => jobs[0]?.getState(), { timeout: 10_000 }).toBe("completed");
        expect(jobs[0]?.attemptsStarted, `${queue.name} job ${id} started`).toBe(1);
      }
      expect(await jobsWithId(exportsQueue, fresh.id)).toEqual([]);
    } finally {
      await worker.stop();
      // Not left queued on a shared database for another suite's start-up pass to build.
      await db.withTenant(scope, (tx) =>
        createExportRepository(tx).fail(fresh.id, { code: "TEST", message: "left by the recovery test" }),
      );
    }

    // Each recovered job's span continues the trace of the request that accepted it.
    await flushSpans();
    const expectChildOf = (
      spans: FinishedSpan[],
      parent: ReturnType<typeof parsedTraceparent>,
      what: string,
    ) => {
      expect(spans.length, `${what} spans`).toBe(1);
      expect(spans[0]?.spanContext().traceId, `${what} trace`).toBe(parent.traceId);
      expect(spans[0]?.parentSpanContext?.spanId, `${what} parent`).toBe(parent.spanId);
    };
    expectChildOf(spansOf("workflow.step", "jeex.execution_id", run.id), runStored, "step run");
    expectChildOf(spansOf("exports.run", "jeex.export_id", lost.id), exportStored, "export");
    expectChildOf(spansOf("exports.run", "jeex.export_id", kept.id), keptTrace, "kept export");
    expectChildOf(
      spansOf("memory.index", "jeex.document_id", index.documentId).filter(
        (span) => span.spanContext().traceId === indexTrace.traceId,
      ),
      indexTrace,
      "index request",
    );
  }, 240_000);
});
