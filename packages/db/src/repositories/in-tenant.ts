import { type AnyColumn, and, eq, type SQL } from "drizzle-orm";
import type { TenantScope } from "../tenant.ts";

/**
 * Conditions on a table's rows of the transaction's tenant. RLS already hides every other
 * tenant's rows; naming the tenant in the query as well lets the planner use the tenant-leading
 * indexes.
 */
export const inTenantOf =
  (tenantIdColumn: AnyColumn, scope: TenantScope) =>
  (...conditions: SQL[]) =>
    and(eq(tenantIdColumn, scope.tenantId), ...conditions);
