import { sql } from "drizzle-orm";
import { type AnyPgColumn, pgPolicy, pgRole } from "drizzle-orm/pg-core";

/** The role every tenant transaction switches to; created by a custom migration (roles are cluster-wide). */
export const appRole = pgRole("jeex_app").existing();

/** The tenant of the current transaction, set by `withTenant`; NULL outside one, so policies match nothing. */
export const currentTenantId = sql`(select nullif(current_setting('app.tenant_id', true), '')::uuid)`;
export const currentUserId = sql`(select nullif(current_setting('app.user_id', true), '')::uuid)`;

/** Rows are visible and writable only inside a transaction scoped to their tenant. */
export function tenantIsolation(table: string, tenantColumn: AnyPgColumn) {
  const sameTenant = sql`${tenantColumn} = ${currentTenantId}`;
  return pgPolicy(`${table}_tenant_isolation`, {
    as: "permissive",
    for: "all",
    to: appRole,
    using: sameTenant,
    withCheck: sameTenant,
  });
}
