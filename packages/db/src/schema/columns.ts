import { timestamp } from "drizzle-orm/pg-core";

/** Millisecond precision: timestamps round-trip through JS Dates and ISO strings without loss. */
export const createdAt = () => timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow();
export const updatedAt = () => timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow();
