import type { CredentialChangeListener } from "@jeex/db/credential-changes";
import type { ApiKeyCredential } from "@jeex/db/system";
import { describe, expect, it } from "vitest";
import { createApiKeyCache } from "../src/api-keys/cache.ts";

const credential = (tenantId: string, id = "key-1"): ApiKeyCredential => ({
  id,
  tenantId,
  userId: "user-1",
  keyRole: "editor",
  memberRole: "editor",
  secretHash: "hash",
  lastUsedAt: null,
});

function feed() {
  const listeners: CredentialChangeListener[] = [];
  return {
    listeners,
    changes: async (listener: CredentialChangeListener) => {
      listeners.push(listener);
      listener.resynced();
      return async () => {};
    },
    changed: (tenantId: string) => {
      for (const listener of listeners) listener.changed(tenantId);
    },
  };
}

function countingLoader(answer: () => ApiKeyCredential | undefined) {
  const loader = async (_prefix: string) => {
    loader.calls++;
    return answer();
  };
  loader.calls = 0;
  return loader;
}

describe("API-key cache", () => {
  it("answers a known key from memory until a change of its tenant arrives", async () => {
    const changes = feed();
    const cache = createApiKeyCache({ changes: changes.changes });
    const load = countingLoader(() => credential("t1"));
    await cache.find("p1", load);
    await cache.find("p1", load);
    expect(load.calls).toBe(1);
    changes.changed("t2");
    await cache.find("p1", load);
    expect(load.calls).toBe(1);
    changes.changed("t1");
    await cache.find("p1", load);
    expect(load.calls).toBe(2);
  });

  it("refresh reads past a stale entry and keeps what it read", async () => {
    const changes = feed();
    const cache = createApiKeyCache({ changes: changes.changes });
    let current = credential("t1");
    const load = countingLoader(() => current);
    await cache.find("p1", load);
    current = { ...credential("t1"), memberRole: "viewer" };
    expect((await cache.find("p1", load))?.memberRole).toBe("editor");
    expect((await cache.refresh("p1", load))?.memberRole).toBe("viewer");
    expect((await cache.find("p1", load))?.memberRole).toBe("viewer");
    expect(load.calls).toBe(2);
  });

  it("does not keep a look-up that raced with a change (it may have read the old row)", async () => {
    const changes = feed();
    const cache = createApiKeyCache({ changes: changes.changes });
    await cache.find("warm-up", async () => undefined);
    let release: (value: ApiKeyCredential) => void = () => {};
    const slow = cache.find("p1", () => new Promise<ApiKeyCredential>((resolve) => (release = resolve)));
    changes.changed("t1");
    release(credential("t1"));
    await slow;
    const load = countingLoader(() => undefined);
    expect(await cache.find("p1", load)).toBeUndefined();
    expect(load.calls).toBe(1);
  });

  it("never stores unknown prefixes, and drops an entry whose key has gone", async () => {
    const changes = feed();
    const cache = createApiKeyCache({ changes: changes.changes });
    let current: ApiKeyCredential | undefined;
    const load = countingLoader(() => current);
    await cache.find("p1", load);
    await cache.find("p1", load);
    expect(load.calls).toBe(2);
    current = credential("t1");
    await cache.find("p1", load);
    await cache.find("p1", load);
    expect(load.calls).toBe(3);
  });

  it("caches nothing while the change feed cannot be subscribed", async () => {
    const cache = createApiKeyCache({
      changes: async () => {
        throw new Error("no LISTEN connection");
      },
    });
    const load = countingLoader(() => credential("t1"));
    await cache.find("p1", load);
    await cache.find("p1", load);
    expect(load.calls).toBe(2);
  });

  it("forgets everything when the feed resubscribes (changes in the gap were missed)", async () => {
    const changes = feed();
    const cache = createApiKeyCache({ changes: changes.changes });
    const load = countingLoader(() => credential("t1"));
    await cache.find("p1", load);
    for (const listener of changes.listeners) listener.resynced();
    await cache.find("p1", load);
    expect(load.calls).toBe(2);
  });

  it("expires entries after the backstop lifetime", async () => {
    const changes = feed();
    const cache = createApiKeyCache({ changes: changes.changes, ttlMs: 0 });
    const load = countingLoader(() => credential("t1"));
    await cache.find("p1", load);
    await cache.find("p1", load);
    expect(load.calls).toBe(2);
  });
});
