import type { ExecutionEvent, ProgressEvent } from "@jeex/contracts/agents/progress-events";
import type { Step } from "@jeex/contracts/steps";
import type { Database } from "@jeex/db/client";
import {
  createExecutionRepository,
  createUsageRepository,
  type ExecutionError,
  type ExecutionOutcome,
  type ExecutionRepository,
  type ExecutionRow,
  type NewExecution,
  type SpentTokens,
  type UsageRepository,
} from "@jeex/db/repositories";
import type { TenantScope, TenantTransaction } from "@jeex/db/tenant";
import { DependencyUnavailableError } from "../errors.ts";
import type { EventLog } from "../events/port.ts";
import type { StepJob } from "../queue/port.ts";
import { activeTraceparent } from "./trace-context.ts";

/**
 * The one owner of an execution's state machine: queued → running → succeeded | failed | cancelled.
 * Each transition writes the row, and once that write is committed publishes its event on the
 * project's stream, in that order. Nothing else writes `agent_executions.status` or publishes an
 * `execution.*` event.
 *
 * Transitions made inside someone else's transaction (the request's, the worker's finishing one)
 * return an `Announce` for the caller to run after commit; the others open their own transaction.
 */

/** What names an execution on its project's stream. */
export interface ExecutionRef {
  tenantId: string;
  projectId: string;
  executionId: string;
  step: Step;
}

/** The repositories of the transaction a transition writes in. */
export interface LifecycleStore {
  executions: ExecutionRepository;
  usage: UsageRepository;
}

/** Publishes a committed transition's events. */
export type Announce = () => Promise<void>;

/** What one attempt's model calls cost, recorded in usage whatever the attempt's outcome. */
export interface AttemptSpend extends SpentTokens {
  attempt: number;
  provider: string;
  model: string;
}

export interface WrittenDocument {
  documentId: string;
  path: string;
  version: number;
}

type Payload<T extends ExecutionEvent["type"]> = Omit<
  Extract<ExecutionEvent, { type: T }>,
  "type" | "executionId" | "projectId" | "step" | "at"
>;

export const refOf = (row: ExecutionRow): ExecutionRef => ({
  tenantId: row.tenantId,
  projectId: row.projectId,
  executionId: row.id,
  step: row.step,
});

export const lifecycleStoreOf = (tx: TenantTransaction): LifecycleStore => ({
  executions: createExecutionRepository(tx),
  usage: createUsageRepository(tx),
});

/**
 * → queued, inside the request's transaction. `dispatch` announces and enqueues it after commit.
 * The row keeps the request's trace context, so a job re-queued after a restart still joins it.
 */
export function insertQueued(store: LifecycleStore, execution: NewExecution): Promise<ExecutionRow> {
  return store.executions.insert({ ...execution, traceparent: execution.traceparent ?? activeTraceparent() });
}

export function createExecutionLifecycle(deps: { db: Database; events: EventLog<ProgressEvent> }) {
  const { db, events } = deps;

  function publish<T extends ExecutionEvent["type"]>(
    run: ExecutionRef,
    type: T,
    payload: Payload<T>,
  ): Promise<string> {
    const event = {
      type,
      executionId: run.executionId,
      projectId: run.projectId,
      step: run.step,
      at: new Date().toISOString(),
      ...payload,
    } as ExecutionEvent;
    return events.append({ tenantId: run.tenantId, projectId: run.projectId }, event);
  }

  async function recordSpent(store: LifecycleStore, row: ExecutionRow, spend: AttemptSpend): Promise<void> {
    if (spend.tokensIn + spend.tokensOut === 0 && spend.costUsd === 0) return;
    const { attempt, provider, model, ...spent } = spend;
    await store.executions.addSpent(row.id, spent, { provider, model });
    await store.usage.record({
      projectId: row.projectId,
      executionId: row.id,
      attempt,
      provider,
      model,
      ...spent,
    });
  }

  /** queued/running → failed | cancelled inside `store`'s transaction; undefined when it had already ended. */
  async function end(
    store: LifecycleStore,
    executionId: string,
    status: "failed" | "cancelled",
    error: ExecutionError,
    spend?: AttemptSpend,
  ): Promise<Announce | undefined> {
    const row = await store.executions.end(executionId, status, error);
    if (!row) return undefined;
    if (spend) await recordSpent(store, row, spend);
    const run = refOf(row);
    return async () => {
      if (status === "cancelled") await publish(run, "execution.cancelled", {});
      else await publish(run, "execution.failed", { error: { code: error.code, message: error.message } });
    };
  }

  /** Runs one transition in a transaction of its own, then announces it. False when it did not apply. */
  async function inOwnTransaction(
    scope: TenantScope,
    transition: (store: LifecycleStore) => Promise<Announce | undefined>,
  ): Promise<boolean> {
    const announce = await db.withTenant(scope, (tx) => transition(lifecycleStoreOf(tx)));
    await announce?.();
    return announce !== undefined;
  }

  const fail = (scope: TenantScope, executionId: string, error: ExecutionError, spend?: AttemptSpend) =>
    inOwnTransaction(scope, (store) => end(store, executionId, "failed", error, spend));

  return {
    publish,

    /**
     * After the request committed the queued row: announce `queued`, then enqueue — in this order,
     * so a worker that starts at once cannot publish `started` first. A queue that refuses the job
     * (or an event stream that refuses `queued`) fails the execution, and announces that when it
     * can, before the caller hears UNAVAILABLE.
     */
    async dispatch(run: ExecutionRef & { userId: string }, enqueue: () => Promise<void>): Promise<void> {
      try {
        await publish(run, "execution.queued", {});
        await enqueue();
      } catch (error) {
        // Never left queued without a job. The row is ended even when its announcement fails too.
        await fail(run, run.executionId, {
          code: "QUEUE_UNAVAILABLE",
          message: "the job queue is unavailable",
        }).catch(() => undefined);
        throw new DependencyUnavailableError("the job queue is unavailable; the run was not started", {
          cause: error,
        });
      }
    },

    /**
     * queued/running → running (attempts + 1) inside the worker's claim transaction. Undefined when
     * the execution already ended; a retried or duplicate job then does nothing.
     */
    async start(
      store: LifecycleStore,
      executionId: string,
    ): Promise<{ execution: ExecutionRow; announce: Announce } | undefined> {
      const execution = await store.executions.markRunning(executionId);
      if (!execution) return undefined;
      const run = refOf(execution);
      return { execution, announce: async () => void (await publish(run, "execution.started", {})) };
    },

    /**
     * running → succeeded inside the transaction that wrote the documents, with the attempt's usage.
     * Undefined when it was no longer running (cancelled meanwhile): the caller rolls back its writes.
     */
    async succeed(
      store: LifecycleStore,
      executionId: string,
      outcome: ExecutionOutcome & { attempt: number },
      documents: WrittenDocument[],
    ): Promise<Announce | undefined> {
      const { attempt, ...result } = outcome;
      const row = await store.executions.markSucceeded(executionId, result);
      if (!row) return undefined;
      await store.usage.record({ projectId: row.projectId, executionId, attempt, ...result });
      const run = refOf(row);
      return async () => {
        for (const doc of documents) await publish(run, "document.created", doc);
        await publish(run, "execution.succeeded", {});
      };
    },

    /** queued/running → failed or cancelled inside `store`'s transaction (e.g. `workflow.cancel`'s). */
    end,

    /** queued/running → failed in a transaction of its own, with what the attempt spent. */
    fail,

    /**
     * Every unfinished execution of a project → cancelled inside `store`'s transaction (the one
     * deleting the project), so their reservations are released and listeners hear the end.
     */
    async cancelUnfinishedOf(
      store: LifecycleStore,
      projectId: string,
      error: ExecutionError,
    ): Promise<Announce> {
      const announces: Announce[] = [];
      for (const executionId of await store.executions.unfinishedOf(projectId)) {
        const announce = await end(store, executionId, "cancelled", error);
        if (announce) announces.push(announce);
      }
      return async () => {
        for (const announce of announces) await announce();
      };
    },

    /**
     * Records what an attempt spent after its execution ended without it (cancelled while the model
     * worked, or about to be retried): every model call is paid for, so every one is counted.
     */
    async recordSpentAfterEnd(scope: TenantScope, executionId: string, spend: AttemptSpend): Promise<void> {
      await db.withTenant(scope, async (tx) => {
        const store = lifecycleStoreOf(tx);
        const row = await store.executions.find(executionId);
        if (row) await recordSpent(store, row, spend);
      });
    },

    /** The queue gave up on a step job (retries used up): the execution fails, and listeners hear it. */
    failForGood(job: StepJob): Promise<boolean> {
      return fail(job, job.executionId, {
        code: "WORKER_FAILED",
        message: "the step could not be run (worker or database failure); run it again",
      });
    },
  };
}

export type ExecutionLifecycle = ReturnType<typeof createExecutionLifecycle>;
