import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { AnyDatabase, AnyTransaction } from "./types.ts";

// Changes to API keys and memberships are announced with NOTIFY, so that every API instance on
// the database drops what it cached. NOTIFY is transactional: it is delivered once the change
// commits, and never when it rolls back.
const CHANNEL = "jeex_credentials";

// Tenants whose credentials a transaction of this process changed: its own listeners hear of them
// as soon as the transaction commits, before the answer goes out (NOTIFY arrives a moment later).
const announcedIn = new WeakMap<object, Set<string>>();

/** Inside the transaction that revokes a key or changes a membership of `tenantId`. */
export async function announceCredentialChange(db: AnyDatabase | AnyTransaction, tenantId: string) {
  await db.execute(sql`select pg_notify(${CHANNEL}, ${tenantId})`);
  const tenants = announcedIn.get(db) ?? new Set<string>();
  tenants.add(tenantId);
  announcedIn.set(db, tenants);
}

/**
 * The process-local half of the feed: `watch` also registers the listener here, and
 * `committed(tx)` hands it the tenants that transaction announced.
 */
export function localCredentialChanges(watchDatabase: WatchCredentialChanges) {
  const listeners = new Set<CredentialChangeListener>();
  const watch: WatchCredentialChanges = async (listener) => {
    listeners.add(listener);
    try {
      const stop = await watchDatabase(listener);
      return async () => {
        listeners.delete(listener);
        await stop();
      };
    } catch (error) {
      listeners.delete(listener);
      throw error;
    }
  };
  const committed = (tx: object) => {
    const tenants = announcedIn.get(tx);
    if (!tenants) return;
    announcedIn.delete(tx);
    for (const tenantId of tenants) for (const listener of listeners) listener.changed(tenantId);
  };
  return { watch, committed };
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
