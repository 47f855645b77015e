import { customType, timestamp, uuid } from "drizzle-orm/pg-core";
import { v7 as uuidv7 } from "uuid";

/** A UUIDv7 primary key: time-ordered, so the id is also the newest-first keyset cursor. */
export const timeOrderedId = () =>
  uuid()
    .primaryKey()
    .$defaultFn(() => uuidv7());

/** Millisecond precision: timestamps round-trip through JS Dates and ISO strings without loss. */
export const timestampMs = () => timestamp({ withTimezone: true, precision: 3 });
export const createdAt = () => timestampMs().notNull().defaultNow();
export const updatedAt = () => timestampMs().notNull().defaultNow();

/** Raw bytes (`bytea`), read and written as a Uint8Array. */
export const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});
