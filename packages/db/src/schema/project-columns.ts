import { uuid } from "drizzle-orm/pg-core";
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

/** The project a row belongs to; deleting the project deletes the row. */
export const projectColumn = () =>
  uuid()
    .notNull()
    .references(() => projects.id, { onDelete: "cascade" });
