import { and, eq, gte, lt, type SQL, sql, sum } from "drizzle-orm";
import { tenants } from "../schema/identity.ts";
import { usageRecords } from "../schema/workflow.ts";
import type { TenantTransaction } from "../tenant.ts";

export interface UsageTotals {
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  executions: number;
}

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

    /** One record per execution; a retried finish does not count twice. */
    async record(usage: {
      projectId: string;
      executionId: string;
      provider: string;
      model: string;
      tokensIn: number;
      tokensOut: number;
      costUsd: number;
    }): Promise<void> {
      await db
        .insert(usageRecords)
        .values({ ...usage, tenantId: scope.tenantId })
        .onConflictDoNothing({ target: usageRecords.executionId });
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
          executions: sql<number>`count(*)::int`,
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
