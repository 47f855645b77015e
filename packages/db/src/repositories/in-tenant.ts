import { type AnyColumn, and, eq, type Placeholder, type SQL, sql } from "drizzle-orm";

/**
 * Conditions on a table's rows of the transaction's tenant. RLS already hides every other
 * tenant's rows; naming the tenant in the query as well lets the planner use the tenant-leading
 * indexes.
 */
export const inTenantOf =
  (tenantIdColumn: AnyColumn, scope: { tenantId: string | Placeholder }) =>
  (...conditions: SQL[]) =>
    and(eq(tenantIdColumn, scope.tenantId), ...conditions);

/** The scope of a statement built once (reusable-statement.ts): the tenant id is a parameter. */
export const tenantParameter = { tenantId: sql.placeholder("tenantId") };
