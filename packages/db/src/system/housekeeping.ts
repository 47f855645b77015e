import { and, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { AnyDatabase } from "../types.ts";

/**
 * Rows deleted per statement: the first sweep of a table that was never swept (sessions piled up
 * for as long as the deployment ran) must neither hold one huge delete open nor read back every row.
 */
const SWEEP_BATCH = 1000;

/**
 * Housekeeping across tenants: deletes the rows of `table` whose `column` is before `cutoff` (and
 * that match `only`, when given), a batch at a time; returns how many.
 */
export async function deleteRowsBefore(
  db: AnyDatabase,
  table: PgTable,
  column: AnyPgColumn,
  cutoff: Date,
  only?: SQL,
): Promise<number> {
  // By physical row id: these tables share no single-column key.
  const rowId = sql`ctid`;
  let deleted = 0;
  for (;;) {
    const batch = db
      .select({ rowId })
      .from(table)
      .where(and(lt(column, cutoff), only))
      .limit(SWEEP_BATCH);
    const rows = await db.delete(table).where(inArray(rowId, batch)).returning({ deleted: sql`1` });
    deleted += rows.length;
    if (rows.length < SWEEP_BATCH) return deleted;
  }
}
