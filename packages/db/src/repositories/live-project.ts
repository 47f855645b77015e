import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { projects } from "../schema/projects.ts";

/**
 * True while the row's project exists and is not soft-deleted. Every look-up by a document,
 * version, execution or export id adds it, so a deleted project's rows are NOT_FOUND by id as
 * they are by project — one condition here instead of a check in each procedure.
 */
export const inLiveProject = (projectIdColumn: AnyColumn): SQL =>
  sql`exists (select 1 from ${projects} where ${projects.id} = ${projectIdColumn} and ${projects.deletedAt} is null)`;
