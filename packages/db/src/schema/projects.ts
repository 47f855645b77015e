import { sql } from "drizzle-orm";
import { index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, timeOrderedId, timestampMs, updatedAt } from "./columns.ts";
import { tenants } from "./identity.ts";
import { tenantIsolation } from "./rls.ts";
import { namedUser } from "./user-columns.ts";

export const projects = pgTable(
  "projects",
  {
    id: timeOrderedId(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    language: text().notNull().default("en"),
    createdBy: namedUser(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestampMs(),
  },
  (t) => [
    // What the composite foreign keys of the project's rows reference.
    unique("projects_tenant_id_key").on(t.tenantId, t.id),
    index("projects_tenant_live_idx").on(t.tenantId, t.id.desc()).where(sql`${t.deletedAt} is null`),
    tenantIsolation("projects", t.tenantId),
  ],
);
