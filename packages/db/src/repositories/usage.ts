import { and, eq, gte, inArray, lt, type SQL, sql, sum } from "drizzle-orm";
import { tenants } from "../schema/identity.ts";
import { agentExecutions, usageRecords } from "../schema/workflow.ts";
import type { TenantTransaction } from "../tenant.ts";

export interface UsageTotals {
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  executions: number;
}

// Advisory-lock namespace of budget reservations (the two-key form never meets one-key locks).
const budgetLockClass = 0x6a656578; // "jeex"

/** Token and cost records of the transaction's tenant. */
export function createUsageRepository({ db, scope }: TenantTransaction) {
  return {
    /** The tenant's own monthly token budget, or null to use the server default. */
    async tenantBudget(): Promise<number | null> {
      const [row] = await db
        .select({ budget: tenants.monthlyTokenBudget })
        .from(tenants)
        .where(eq(tenants.id, scope.tenantId));
      return row?.budget ?? null;
    },

    /**
     * Serialises budget reservations of this tenant until the transaction ends, so two runs queued
     * at once cannot both fit in what is left. A transaction-scoped advisory lock rather than a row
     * lock: the tenants row is read-only to the app role, and should stay so.
     */
    async lockBudget(): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(${budgetLockClass}, hashtext(${scope.tenantId}))`);
    },

    /** Tokens held by the tenant's live (queued or running) executions. */
    async reservedTokens(): Promise<number> {
      const [row] = await db
        .select({ reserved: sum(agentExecutions.tokensReserved).mapWith(Number) })
        .from(agentExecutions)
        .where(
          and(
            eq(agentExecutions.tenantId, scope.tenantId),
            inArray(agentExecutions.status, ["queued", "running"]),
          ),
        );
      return row?.reserved ?? 0;
    },

    /** One record per attempt of an execution; recording the same attempt again does not count twice. */
    async record(usage: {
      projectId: string;
      executionId: string;
      attempt: number;
      provider: string;
      model: string;
      tokensIn: number;
      tokensOut: number;
      costUsd: number;
    }): Promise<void> {
      await db
        .insert(usageRecords)
        .values({ ...usage, tenantId: scope.tenantId })
        .onConflictDoNothing({ target: [usageRecords.executionId, usageRecords.attempt] });
    },

    async totals({
      from,
      to,
      projectId,
    }: {
      from: Date;
      to: Date;
      projectId?: string | undefined;
    }): Promise<UsageTotals> {
      const conditions: SQL[] = [
        eq(usageRecords.tenantId, scope.tenantId),
        gte(usageRecords.createdAt, from),
        lt(usageRecords.createdAt, to),
      ];
      if (projectId) conditions.push(eq(usageRecords.projectId, projectId));
      const [row] = await db
        .select({
          tokensIn: sum(usageRecords.tokensIn).mapWith(Number),
          tokensOut: sum(usageRecords.tokensOut).mapWith(Number),
          costUsd: sum(usageRecords.costUsd).mapWith(Number),
          executions: sql<number>`count(distinct ${usageRecords.executionId})::int`,
        })
        .from(usageRecords)
        .where(and(...conditions));
      return {
        tokensIn: row?.tokensIn ?? 0,
        tokensOut: row?.tokensOut ?? 0,
        costUsd: row?.costUsd ?? 0,
        executions: row?.executions ?? 0,
      };
    },
  };
}

export type UsageRepository = ReturnType<typeof createUsageRepository>;
