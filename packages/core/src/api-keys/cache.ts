import type { CredentialChangeListener, WatchCredentialChanges } from "@jeex/db/credential-changes";
import type { ApiKeyCredential } from "@jeex/db/system";

export interface ApiKeyCacheOptions {
  /** Where revocations and membership changes of every instance arrive. */
  changes: WatchCredentialChanges;
  /** A backstop only: a change is applied when its notification arrives, not when this runs out. */
  ttlMs?: number;
  maxEntries?: number;
}

type Load = (prefix: string) => Promise<ApiKeyCredential | undefined>;

const DEFAULT_TTL_MS = 30_000;
const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Live API-key credentials by prefix, so a request needs no database round trip to find its key.
 * Entries exist only while the change feed is subscribed; a change to a tenant's keys or members
 * drops all of that tenant's entries, and a look-up that raced with a change is not stored.
 * Unknown prefixes are never stored (guessing must not fill memory). The secret is still checked
 * against the stored hash on every request by the caller.
 */
export function createApiKeyCache(options: ApiKeyCacheOptions) {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const entries = new Map<string, { credential: ApiKeyCredential; expiresAt: number }>();
  // Bumped by every change: a look-up that started under an older generation may be stale.
  let generation = 0;
  let subscribed: Promise<void> | undefined;

  const listener: CredentialChangeListener = {
    changed(tenantId) {
      generation++;
      for (const [prefix, entry] of entries) {
        if (entry.credential.tenantId === tenantId) entries.delete(prefix);
      }
    },
    resynced() {
      generation++;
      entries.clear();
    },
  };
  let live = false;
  let stopWatching: (() => Promise<void>) | undefined;

  function subscribe(): Promise<void> {
    subscribed ??= options.changes(listener).then(
      (stop) => {
        live = true;
        stopWatching = stop;
      },
      () => {
        // No feed, no cache: try again on a later request.
        subscribed = undefined;
      },
    );
    return subscribed;
  }

  /** Loads the credential and stores it, unless a change arrived while it loaded. */
  async function loadAndStore(prefix: string, load: Load): Promise<ApiKeyCredential | undefined> {
    const startedAt = generation;
    const credential = await load(prefix);
    if (!credential) {
      entries.delete(prefix);
    } else if (startedAt === generation && live) {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(prefix, { credential, expiresAt: Date.now() + ttlMs });
    }
    return credential;
  }

  return {
    async find(prefix: string, load: Load): Promise<ApiKeyCredential | undefined> {
      if (!live) {
        await subscribe();
        if (!live) return load(prefix);
      }
      const hit = entries.get(prefix);
      if (hit && hit.expiresAt > Date.now()) return hit.credential;
      return loadAndStore(prefix, load);
    },
    /** Past the cache: for a credential that proved stale before its change was heard of. */
    refresh(prefix: string, load: Load): Promise<ApiKeyCredential | undefined> {
      entries.delete(prefix);
      return live ? loadAndStore(prefix, load) : load(prefix);
    },
    /** Not awaited: UNLISTEN waits for a LISTEN connection that may be reconnecting right now. */
    stop(): void {
      live = false;
      entries.clear();
      stopWatching?.().catch(() => {});
    },
  };
}

export type ApiKeyCache = ReturnType<typeof createApiKeyCache>;
