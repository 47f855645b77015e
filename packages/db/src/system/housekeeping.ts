import { lt, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { AnyDatabase } from "../types.ts";

/** Housekeeping across tenants: deletes the rows of `table` whose `column` is before `cutoff`; returns how many. */
export async function deleteRowsBefore(
  db: AnyDatabase,
  table: PgTable,
  column: AnyPgColumn,
  cutoff: Date,
): Promise<number> {
  const rows = await db.delete(table).where(lt(column, cutoff)).returning({ deleted: sql`1` });
  return rows.length;
}
