import type { Step } from "@jeex/contracts/steps";
import { and, desc, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import { agentExecutions } from "../schema/workflow.ts";
import type { TenantTransaction } from "../tenant.ts";
import { inLiveProject } from "./live-project.ts";

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

/** Agent executions of the transaction's tenant. Status moves only forward. */
export function createExecutionRepository({ db, scope }: TenantTransaction) {
  const inTenant = (...conditions: SQL[]) => and(eq(agentExecutions.tenantId, scope.tenantId), ...conditions);

  return {
    async insert(execution: NewExecution): Promise<ExecutionRow> {
      const [row] = await db
        .insert(agentExecutions)
        .values({ ...execution, tenantId: scope.tenantId, createdBy: scope.userId })
        .returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },

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

    async markSucceeded(id: string, outcome: ExecutionOutcome): Promise<void> {
      await db
        .update(agentExecutions)
        .set({ ...outcome, status: "succeeded", error: null, finishedAt: sql`now()` })
        .where(inTenant(eq(agentExecutions.id, id), eq(agentExecutions.status, "running")));
    },

    /** Ends a live execution as failed or cancelled; false when it had already ended. */
    async end(
      id: string,
      status: "failed" | "cancelled",
      error?: ExecutionError,
      usage?: Partial<ExecutionOutcome>,
    ): Promise<boolean> {
      const rows = await db
        .update(agentExecutions)
        .set({ ...usage, status, error: error ?? null, finishedAt: sql`now()` })
        .where(inTenant(eq(agentExecutions.id, id), inArray(agentExecutions.status, live)))
        .returning({ id: agentExecutions.id });
      return rows.length > 0;
    },

    /** Newest first, optionally for one step. */
    list({
      projectId,
      step,
      beforeId,
      limit,
    }: {
      projectId: string;
      step?: Step | undefined;
      beforeId?: string | undefined;
      limit: number;
    }) {
      const conditions: SQL[] = [eq(agentExecutions.projectId, projectId)];
      if (step) conditions.push(eq(agentExecutions.step, step));
      if (beforeId) conditions.push(lt(agentExecutions.id, beforeId));
      return db
        .select()
        .from(agentExecutions)
        .where(inTenant(...conditions))
        .orderBy(desc(agentExecutions.id))
        .limit(limit);
    },

    /** The most recent execution of each step of a project. */
    async latestPerStep(projectId: string): Promise<ExecutionRow[]> {
      return db
        .selectDistinctOn([agentExecutions.step])
        .from(agentExecutions)
        .where(inTenant(eq(agentExecutions.projectId, projectId)))
        .orderBy(agentExecutions.step, desc(agentExecutions.id));
    },
  };
}

export type ExecutionRepository = ReturnType<typeof createExecutionRepository>;
