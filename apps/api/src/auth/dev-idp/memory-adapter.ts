import type { Adapter, AdapterFactory, AdapterPayload } from "oidc-provider";

// Storage for the development provider: in this process, per provider instance, forgotten at
// restart (a restart only ends the provider's own SSO sessions and sign-ins in progress). Our own
// instead of oidc-provider's built-in one, which warns loudly at every start and is shared by
// every provider in the process.

interface Entry {
  payload: AdapterPayload;
  expiresAt: number | undefined;
}

const SWEEP_EVERY_WRITES = 500;

// What a grant's revocation takes away: codes and tokens. Interactions and sessions also carry a
// grantId, but revoking a grant — as ending a session to switch accounts does — must not drop the
// sign-in in progress that resumes afterwards.
const issuedUnderGrant = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
]);

export function createMemoryAdapter(): AdapterFactory {
  const entries = new Map<string, Entry>();
  /** Grant id → keys of the codes and tokens issued under it, for revocation. */
  const byGrant = new Map<string, Set<string>>();
  /** Secondary indexes: `<model>:uid:<uid>` and `<model>:userCode:<code>` → id. */
  const indexes = new Map<string, string>();
  let writes = 0;

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const sweep = () => {
    for (const key of entries.keys()) live(key);
  };

  return (model: string): Adapter => {
    const keyOf = (id: string) => `${model}:${id}`;
    const findIndexed = (index: string) => {
      const id = indexes.get(index);
      return id === undefined ? undefined : live(keyOf(id))?.payload;
    };

    return {
      async upsert(id, payload, expiresIn) {
        const key = keyOf(id);
        entries.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
        if (payload.grantId && issuedUnderGrant.has(model))
          byGrant.set(payload.grantId, (byGrant.get(payload.grantId) ?? new Set()).add(key));
        if (payload.uid) indexes.set(`${model}:uid:${payload.uid}`, id);
        if (payload.userCode) indexes.set(`${model}:userCode:${payload.userCode}`, id);
        if (++writes % SWEEP_EVERY_WRITES === 0) sweep();
      },
      async find(id) {
        return live(keyOf(id))?.payload;
      },
      async findByUid(uid) {
        return findIndexed(`${model}:uid:${uid}`);
      },
      async findByUserCode(userCode) {
        return findIndexed(`${model}:userCode:${userCode}`);
      },
      // A consumed authorization code stays findable, so a replay is recognised (and its grant revoked).
      async consume(id) {
        const entry = live(keyOf(id));
        if (entry) entry.payload = { ...entry.payload, consumed: Math.floor(Date.now() / 1000) };
      },
      async destroy(id) {
        entries.delete(keyOf(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
        byGrant.delete(grantId);
      },
    };
  };
}
