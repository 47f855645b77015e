import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { AnyDatabase, AnyTransaction } from "./types.ts";

// Changes to API keys and memberships are announced with NOTIFY, so that every API instance on
// the database drops what it cached. NOTIFY is transactional: it is delivered once the change
// commits, and never when it rolls back.
const CHANNEL = "jeex_credentials";

/** Inside the transaction that revokes a key or changes a membership of `tenantId`. */
export async function announceCredentialChange(db: AnyDatabase | AnyTransaction, tenantId: string) {
  await db.execute(sql`select pg_notify(${CHANNEL}, ${tenantId})`);
}

export interface CredentialChangeListener {
  /** A key or membership of this tenant changed. */
  changed(tenantId: string): void;
  /** (Re)subscribed: changes before this moment may have been missed. */
  resynced(): void;
}

/** Starts delivering changes to `listener`; the returned function stops. */
export type WatchCredentialChanges = (listener: CredentialChangeListener) => Promise<() => Promise<void>>;

/** postgres.js keeps one LISTEN connection and re-listens after it drops (calling `resynced`). */
export function watchOnPostgres(client: postgres.Sql): WatchCredentialChanges {
  return async (listener) => {
    const { unlisten } = await client.listen(CHANNEL, listener.changed, listener.resynced);
    return unlisten;
  };
}

/** PGlite delivers notifications of its own (single) session in process. */
export function watchOnPglite(client: PGlite): WatchCredentialChanges {
  return async (listener) => {
    const unlisten = await client.listen(CHANNEL, listener.changed);
    listener.resynced();
    return () => unlisten();
  };
}
