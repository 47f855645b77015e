import { type AnyPgColumn, foreignKey, uuid } from "drizzle-orm/pg-core";
import { v7 as uuidv7 } from "uuid";
import { tenants } from "./identity.ts";
import { projects } from "./projects.ts";

/** A UUIDv7 primary key: time-ordered, so the id is also the newest-first keyset cursor. */
export const timeOrderedId = () =>
  uuid()
    .primaryKey()
    .$defaultFn(() => uuidv7());

/** The owning tenant of a row; RLS policies compare it with the transaction's tenant. */
export const tenantColumn = () =>
  uuid()
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

/** The project a row belongs to; its foreign key is `sameTenantProject`, with the tenant. */
export const projectColumn = () => uuid().notNull();

/**
 * A reference from one tenant row to another as a composite `(tenant_id, …)` foreign key: the
 * referenced row must carry the same tenant, so a row of another tenant cannot be referenced even
 * by the system path or a superuser. The referenced table declares a unique `(tenant_id, id)`.
 */
export function sameTenantReference(
  name: string,
  from: readonly [tenantId: AnyPgColumn, column: AnyPgColumn],
  to: { tenantId: AnyPgColumn; id: AnyPgColumn },
) {
  return foreignKey({ name, columns: [from[0], from[1]], foreignColumns: [to.tenantId, to.id] });
}

/** Deleting the project deletes the row. */
export const sameTenantProject = (table: string, t: { tenantId: AnyPgColumn; projectId: AnyPgColumn }) =>
  sameTenantReference(`${table}_project_fk`, [t.tenantId, t.projectId], projects).onDelete("cascade");
