import type { Step } from "@jeex/contracts/steps";
import { desc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import { reusableStatement } from "../reusable-statement.ts";
import { agentExecutions } from "../schema/workflow.ts";
import type { TenantTransaction } from "../tenant.ts";
import { inTenantOf, tenantParameter } from "./in-tenant.ts";
import { inLiveProject } from "./live-project.ts";
import { type NewestFirstPage, newestFirstPage } from "./newest-first.ts";

export type ExecutionRow = typeof agentExecutions.$inferSelect;
export type ExecutionError = NonNullable<ExecutionRow["error"]>;

export interface NewExecution {
  projectId: string;
  step: Step;
  agent: string;
  input: Record<string, unknown>;
  feedback?: string | undefined;
  idempotencyKey?: string | undefined;
  correlationId?: string | undefined;
  /** W3C trace context of the queuing request, so a re-queued run still joins its trace. */
  traceparent?: string | undefined;
  /** Held against the tenant's monthly budget while the run is live (see the usage repository). */
  tokensReserved?: number | undefined;
}

/** Tokens and cost the model calls of one attempt spent, whatever the attempt's outcome. */
export interface SpentTokens {
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
}

export interface ExecutionOutcome {
  output: unknown;
  provider: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
}

const live = ["queued", "running"] as const;

/** Column updates that add an attempt's spending to what earlier attempts recorded. */
const addedSpend = (spent: SpentTokens) => ({
  tokensIn: sql`${agentExecutions.tokensIn} + ${spent.tokensIn}`,
  tokensOut: sql`${agentExecutions.tokensOut} + ${spent.tokensOut}`,
  costUsd: sql`${agentExecutions.costUsd} + ${spent.costUsd}`,
});

// Built once: every workflow.status reads it.
const latestPerStepStatement = reusableStatement<{ tenantId: string; projectId: string }, ExecutionRow[]>(
  (db) =>
    db
      .selectDistinctOn([agentExecutions.step])
      .from(agentExecutions)
      .where(
        inTenantOf(
          agentExecutions.tenantId,
          tenantParameter,
        )(eq(agentExecutions.projectId, sql.placeholder("projectId"))),
      )
      .orderBy(agentExecutions.step, desc(agentExecutions.id))
      .prepare("latest_execution_per_step"),
);

/** Agent executions of the transaction's tenant. Status moves only forward. */
export function createExecutionRepository({ db, scope }: TenantTransaction) {
  const inTenant = inTenantOf(agentExecutions.tenantId, scope);

  return {
    async insert(execution: NewExecution): Promise<ExecutionRow> {
      const [row] = await db
        .insert(agentExecutions)
        .values({ ...execution, tenantId: scope.tenantId, createdBy: scope.userId })
        .returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    /** By id, while its project is live (a deleted project's runs are gone with it). */
    async find(id: string): Promise<ExecutionRow | undefined> {
      const [row] = await db
        .select()
        .from(agentExecutions)
        .where(inTenant(inLiveProject(agentExecutions.projectId), eq(agentExecutions.id, id)))
        .limit(1);
      return row;
    },

    async findByIdempotencyKey(projectId: string, key: string): Promise<ExecutionRow | undefined> {
      const [row] = await db
        .select()
        .from(agentExecutions)
        .where(inTenant(eq(agentExecutions.projectId, projectId), eq(agentExecutions.idempotencyKey, key)))
        .limit(1);
      return row;
    },

    /** Claims a live execution for a (re)try; undefined when it already ended (or was cancelled). */
    async markRunning(id: string): Promise<ExecutionRow | undefined> {
      const [row] = await db
        .update(agentExecutions)
        .set({ status: "running", attempts: sql`${agentExecutions.attempts} + 1`, startedAt: sql`now()` })
        .where(inTenant(eq(agentExecutions.id, id), inArray(agentExecutions.status, live)))
        .returning();
      return row;
    },

    /** Locks the row for the finishing transaction and reports its current status. */
    async lockStatus(id: string): Promise<ExecutionRow["status"] | undefined> {
      const [row] = await db
        .select({ status: agentExecutions.status })
        .from(agentExecutions)
        .where(inTenant(eq(agentExecutions.id, id)))
        .for("update");
      return row?.status;
    },

    /** Ends a running execution as succeeded; undefined when it was no longer running. */
    async markSucceeded(id: string, outcome: ExecutionOutcome): Promise<ExecutionRow | undefined> {
      const { tokensIn, tokensOut, costUsd, ...result } = outcome;
      const [row] = await db
        .update(agentExecutions)
        .set({
          ...result,
          ...addedSpend({ tokensIn, tokensOut, costUsd }),
          status: "succeeded",
          error: null,
          finishedAt: sql`now()`,
        })
        .where(inTenant(eq(agentExecutions.id, id), eq(agentExecutions.status, "running")))
        .returning();
      return row;
    },

    /** Ends a live execution as failed or cancelled; undefined when it had already ended. */
    async end(
      id: string,
      status: "failed" | "cancelled",
      error?: ExecutionError,
    ): Promise<ExecutionRow | undefined> {
      const [row] = await db
        .update(agentExecutions)
        .set({ status, error: error ?? null, finishedAt: sql`now()` })
        .where(inTenant(eq(agentExecutions.id, id), inArray(agentExecutions.status, live)))
        .returning();
      return row;
    },

    /** Ids of a project's queued or running executions, whether or not the project is still live. */
    async unfinishedOf(projectId: string): Promise<string[]> {
      const rows = await db
        .select({ id: agentExecutions.id })
        .from(agentExecutions)
        .where(inTenant(eq(agentExecutions.projectId, projectId), inArray(agentExecutions.status, live)));
      return rows.map((row) => row.id);
    },

    /** Adds an attempt's spending to the execution's totals, whatever its status (a cancelled run still paid). */
    async addSpent(
      id: string,
      spent: SpentTokens,
      model?: { provider: string; model: string },
    ): Promise<void> {
      await db
        .update(agentExecutions)
        .set({ ...addedSpend(spent), ...model })
        .where(inTenant(eq(agentExecutions.id, id)));
    },

    /** Newest first, optionally for one step. */
    list({ projectId, step, ...page }: NewestFirstPage & { projectId: string; step?: Step | undefined }) {
      const conditions: SQL[] = [eq(agentExecutions.projectId, projectId)];
      if (step) conditions.push(eq(agentExecutions.step, step));
      const query = db.select().from(agentExecutions).$dynamic();
      return newestFirstPage(query, agentExecutions.id, page, inTenant(...conditions));
    },

    /**
     * Output tokens of the most recent succeeded runs of a step that called a model (the template
     * provider spends none), newest first; of one project, or of the whole tenant without one.
     */
    async recentOutputTokens(step: Step, options: { projectId?: string; limit: number }): Promise<number[]> {
      const rows = await db
        .select({ tokensOut: agentExecutions.tokensOut })
        .from(agentExecutions)
        .where(
          inTenant(
            eq(agentExecutions.step, step),
            eq(agentExecutions.status, "succeeded"),
            gt(agentExecutions.tokensOut, 0),
            ...(options.projectId ? [eq(agentExecutions.projectId, options.projectId)] : []),
          ),
        )
        .orderBy(desc(agentExecutions.id))
        .limit(options.limit);
      return rows.map((row) => row.tokensOut);
    },

    /** The most recent execution of each step of a project. */
    latestPerStep(projectId: string): Promise<ExecutionRow[]> {
      return latestPerStepStatement(db, { tenantId: scope.tenantId, projectId });
    },
  };
}

export type ExecutionRepository = ReturnType<typeof createExecutionRepository>;
