import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";

type NoRelationalSchema = Record<string, never>;

/** Either driver's drizzle handle; repositories never see it, only `TenantTransaction`. */
export type AnyDatabase = PgDatabase<PgQueryResultHKT, NoRelationalSchema>;
export type AnyTransaction = PgTransaction<
  PgQueryResultHKT,
  NoRelationalSchema,
  ExtractTablesWithRelations<NoRelationalSchema>
>;
