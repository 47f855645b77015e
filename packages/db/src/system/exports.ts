import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import { exportsTable } from "../schema/exports.ts";
import { projects } from "../schema/projects.ts";
import type { AnyDatabase } from "../types.ts";
import { requeueColumns, unfinishedSince } from "./lost-jobs.ts";

/** Rows deleted per statement by the sweep, so one sweep never holds a huge delete open. */
const SWEEP_BATCH = 500;

/**
 * Exports outside a tenant context: the signed download (the link itself authorises, so there is
 * no principal to take a tenant from), the sweep of expired archives across tenants, and
 * re-queuing unfinished exports after an in-process runner restarted.
 */
export function exportSystemQueries(db: AnyDatabase) {
  return {
    /** The archive behind a signed link, if its project still exists; the caller checks status and expiry. */
    async findExportForDownload(exportId: string) {
      const [row] = await db
        .select({
          id: exportsTable.id,
          status: exportsTable.status,
          archive: exportsTable.archive,
          manifest: exportsTable.manifest,
          sha256: exportsTable.sha256,
          sizeBytes: exportsTable.sizeBytes,
          expiresAt: exportsTable.expiresAt,
        })
        .from(exportsTable)
        .innerJoin(projects, and(eq(projects.id, exportsTable.projectId), isNull(projects.deletedAt)))
        .where(eq(exportsTable.id, exportId))
        .limit(1);
      return row;
    },

    /** Deletes exports (archive included) that expired before `now`; returns how many. */
    async deleteExpiredExports(now: Date): Promise<number> {
      let deleted = 0;
      for (;;) {
        const batch = db
          .select({ id: exportsTable.id })
          .from(exportsTable)
          .where(lt(exportsTable.expiresAt, now))
          .limit(SWEEP_BATCH);
        const rows = await db
          .delete(exportsTable)
          .where(inArray(exportsTable.id, batch))
          .returning({ id: exportsTable.id });
        deleted += rows.length;
        if (rows.length < SWEEP_BATCH) return deleted;
      }
    },

    /**
     * Exports still queued or running: an in-process runner lost them when its process stopped, or
     * a process killed between COMMIT and the BullMQ add never queued them. With `createdBefore`,
     * only those created before that instant.
     */
    async unfinishedExports(options: { createdBefore?: Date } = {}) {
      return db
        .select({ exportId: exportsTable.id, ...requeueColumns(exportsTable) })
        .from(exportsTable)
        .where(unfinishedSince(exportsTable.status, exportsTable.createdAt, options.createdBefore));
    },
  };
}
