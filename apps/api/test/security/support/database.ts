import { type DatabaseTarget, databaseTargets } from "@jeex/db/testing";

/** Rate limits and HTTP hardening do not depend on the database engine, so one target is enough. */
export function oneDatabaseTarget(): DatabaseTarget {
  const [first] = databaseTargets();
  if (!first) throw new Error("no database target configured");
  return first;
}
