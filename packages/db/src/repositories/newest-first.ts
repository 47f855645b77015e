import { type AnyColumn, and, desc, lt, type Placeholder, type SQL } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";

/** Where a newest-first list resumes: core's `pageBeforeId` fills it from the cursor, `limit` included the extra row. */
export interface NewestFirstPage {
  beforeId?: string | undefined;
  limit: number;
}

/** The same page as parameters of a statement built once (reusable-statement.ts). */
interface NewestFirstParameters {
  beforeId?: Placeholder | undefined;
  limit: Placeholder;
}

/**
 * Narrows a select to one keyset page of rows matching `where`: ids are time-ordered, so the rows
 * after a cursor are those with a smaller id, newest first. Each repository keeps its own scope
 * (tenant, live project) in `where`; only the cursor, order and limit are said here.
 */
export function newestFirstPage<Query extends PgSelect>(
  query: Query,
  id: AnyColumn,
  { beforeId, limit }: NewestFirstPage | NewestFirstParameters,
  where: SQL | undefined,
) {
  return query
    .where(and(where, beforeId ? lt(id, beforeId) : undefined))
    .orderBy(desc(id))
    .limit(limit);
}
