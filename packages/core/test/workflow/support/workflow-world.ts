import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import type { RunStepInput } from "@jeex/contracts/workflow";
import type { Database } from "@jeex/db/client";
import {
  createDocumentRepository,
  createExecutionRepository,
  createProjectRepository,
  createUsageRepository,
} from "@jeex/db/repositories";
import { uniqueSlug } from "@jeex/db/testing";
import { provisionApiKey } from "../../../src/api-keys/issue.ts";
import { createMemoryEventLog } from "../../../src/events/memory-event-log.ts";
import type { EventLog, LoggedEvent } from "../../../src/events/port.ts";
import type { CostModel } from "../../../src/llm/cost-model.ts";
import type { JobQueue, StepJob } from "../../../src/queue/port.ts";
import type { TenantOpener } from "../../../src/workflow/estimate.ts";
import { createExecutionLifecycle } from "../../../src/workflow/lifecycle.ts";
import { type RequestStepContext, requestStep } from "../../../src/workflow/request-step.ts";

export const idea = {
  idea: "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking and reviews.",
};

export interface Member {
  tenantId: string;
  userId: string;
}

/** A tenant with one editor and one project, on a migrated database. */
export async function memberWithProject(db: Database): Promise<Member & { projectId: string }> {
  const { tenantId, userId } = await provisionApiKey(
    db.system,
    { hashKey: "core-workflow-tests" },
    { tenantSlug: uniqueSlug("wf"), email: `${uniqueSlug("editor")}@example.test`, role: "editor" },
  );
  const project = await db.withTenant({ tenantId, userId }, (tx) =>
    createProjectRepository(tx).insert({ name: "Walkies", description: "", language: "en" }),
  );
  return { tenantId, userId, projectId: project.id };
}

/** The workflow's moving parts without a transport: an in-memory event log and the lifecycle. */
export function workflowParts(db: Database) {
  const events: EventLog<ProgressEvent> = createMemoryEventLog<ProgressEvent>();
  const lifecycle = createExecutionLifecycle({ db, events });
  return { events, lifecycle };
}

/** Everything published on a project's stream from now on, in order. */
export function listen(events: EventLog<ProgressEvent>, key: { tenantId: string; projectId: string }) {
  const received: LoggedEvent<ProgressEvent>[] = [];
  const waiters = new Set<() => void>();
  const stop = events.subscribe(key, (event) => {
    received.push(event);
    for (const wake of waiters) wake();
  });
  return {
    received,
    types: () => received.map((r) => r.event.type),
    stop,
    /** Resolves once `done` holds for what arrived, or rejects after `timeoutMs`. */
    until(done: (events: ProgressEvent[]) => boolean, timeoutMs = 10_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!done(received.map((r) => r.event))) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; received ${received.map((r) => r.event.type).join(", ")}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

export interface RunStepOptions {
  queue: JobQueue<StepJob>;
  lifecycle: ReturnType<typeof createExecutionLifecycle>;
  /** A number, or how the run reads it (a test may hold a run there, inside its transaction). */
  monthlyTokenBudget?: number | (() => Promise<number>);
  runTokenReservation?: number;
  /** The configured backend's cost model; absent, runs are not priced. */
  costModel?: CostModel;
}

/**
 * `workflow.runStep` as the router calls it: the core service opening tenant transactions, each
 * followed by its after-commit work (announce, enqueue).
 */
export function runStepAs(db: Database, member: Member, input: RunStepInput, options: RunStepOptions) {
  const openTenant: TenantOpener<RequestStepContext> = async (work) => {
    const afterCommit: (() => Promise<void>)[] = [];
    const result = await db.withTenant(member, (tx) =>
      work({
        projects: createProjectRepository(tx),
        executions: createExecutionRepository(tx),
        documents: createDocumentRepository(tx),
        usage: createUsageRepository(tx),
        access: { ...member, role: "editor" },
        requestId: "test-request",
        monthlyTokenBudget: async () =>
          typeof options.monthlyTokenBudget === "function"
            ? options.monthlyTokenBudget()
            : (options.monthlyTokenBudget ?? 2_000_000),
        runTokenReservation: options.runTokenReservation ?? 150_000,
        afterCommit: (committed) => afterCommit.push(committed),
        dispatch: (run) =>
          options.lifecycle.dispatch({ ...run, ...member }, () =>
            options.queue.enqueue({ ...run, ...member }),
          ),
      }),
    );
    for (const committed of afterCommit) await committed();
    return result;
  };
  return requestStep(openTenant, input, options.costModel);
}
