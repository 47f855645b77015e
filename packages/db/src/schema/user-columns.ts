import { uuid } from "drizzle-orm/pg-core";
import { users } from "./identity.ts";

/** A user the row belongs to: deleting the user deletes the row. */
export const owningUser = () =>
  uuid()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });

/** A user the row names for the record (who created, invited, accepted): it outlives the user. */
export const namedUser = () => uuid().references(() => users.id, { onDelete: "set null" });
