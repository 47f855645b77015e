import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { v7 as uuidv7 } from "uuid";
import { createdAt, updatedAt } from "./columns.ts";
import { tenants, users } from "./identity.ts";
import { tenantIsolation } from "./rls.ts";

export const projects = pgTable(
  "projects",
  {
    // Time-ordered ids make the id itself a stable keyset cursor (newest first).
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    language: text().notNull().default("en"),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [
    // What the composite foreign keys of the project's rows reference.
    unique("projects_tenant_id_key").on(t.tenantId, t.id),
    index("projects_tenant_live_idx").on(t.tenantId, t.id.desc()).where(sql`${t.deletedAt} is null`),
    tenantIsolation("projects", t.tenantId),
  ],
);
