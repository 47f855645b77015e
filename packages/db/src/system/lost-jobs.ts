import { type AnyColumn, and, inArray, lt } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * Rows whose job may have been lost (an in-process runner's queue dies with its process; a
 * process killed between COMMIT and the BullMQ add leaves no job): queued or running, and with
 * `before`, only those waiting since before that instant.
 */
export const unfinishedSince = (status: AnyColumn, since: AnyColumn, before: Date | undefined) => {
  const unfinished = inArray(status, ["queued", "running"]);
  return before ? and(unfinished, lt(since, before)) : unfinished;
};

interface JobRowColumns {
  tenantId: AnyPgColumn;
  projectId: AnyPgColumn;
  createdBy: AnyPgColumn;
  traceparent: AnyPgColumn;
}

/** What re-queuing a row's job needs besides its id: whom it acts for and the trace it joins. */
export const requeueColumns = <Table extends JobRowColumns>(
  table: Table,
): {
  tenantId: Table["tenantId"];
  projectId: Table["projectId"];
  userId: Table["createdBy"];
  traceparent: Table["traceparent"];
} => ({
  tenantId: table.tenantId,
  projectId: table.projectId,
  userId: table.createdBy,
  traceparent: table.traceparent,
});
