import { type AnyPgColumn, foreignKey, uuid } from "drizzle-orm/pg-core";
import { timeOrderedId } from "./columns.ts";
import { tenants } from "./identity.ts";
import { projects } from "./projects.ts";

/** The owning tenant of a row; RLS policies compare it with the transaction's tenant. */
export const tenantColumn = () =>
  uuid()
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

/** The project a row belongs to; its foreign key is `sameTenantProject`, with the tenant. */
export const projectColumn = () => uuid().notNull();

/** The columns every row of a project starts with: its own id, its tenant and its project. */
export const projectRowColumns = () => ({
  id: timeOrderedId(),
  tenantId: tenantColumn(),
  projectId: projectColumn(),
});

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
