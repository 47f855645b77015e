import { sql } from "drizzle-orm";
import type { AnyDatabase, AnyTransaction } from "./types.ts";

export interface TenantScope {
  readonly tenantId: string;
  readonly userId: string;
}

// Not exported: only `openTenantTransaction` can mint a TenantTransaction, so a repository
// (which takes one) cannot be built on a connection that has no tenant context.
const tenantBrand: unique symbol = Symbol("TenantTransaction");

export interface TenantTransaction {
  readonly db: AnyTransaction;
  readonly scope: TenantScope;
  readonly [tenantBrand]: true;
}

/**
 * Runs `work` in one transaction that has dropped to the `jeex_app` role (subject to RLS)
 * with the tenant and user set — all three in one parameterised statement. On Postgres `db` is
 * the restricted tenant login's pool, so stepping out of jeex_app reaches no data (tenant-login.ts).
 */
export function openTenantTransaction<T>(
  db: AnyDatabase,
  scope: TenantScope,
  work: (tx: TenantTransaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'jeex_app', true), set_config('app.tenant_id', ${scope.tenantId}, true), set_config('app.user_id', ${scope.userId}, true)`,
    );
    return work({ db: tx, scope, [tenantBrand]: true });
  });
}
