import { timingSafeEqual } from "node:crypto";
import type { SystemQueries } from "@jeex/db/system";
import type { AuthenticateOptions } from "../auth/authenticate.ts";
import type { Principal } from "../auth/principal.ts";
import { lesserRole } from "../auth/roles.ts";
import type { ApiKeyCache } from "./cache.ts";
import { type ApiKeySecrets, hashApiKeySecret } from "./issue.ts";

// jeex_<prefix>_<secret>: the prefix finds the row, the secret is only ever stored as a keyed hash.
const KEY_PATTERN = /^jeex_([A-Za-z0-9-]{16})_([A-Za-z0-9_-]{43})$/;
const LAST_USED_RESOLUTION_MS = 60_000;

export function parseApiKey(token: string): { prefix: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(token);
  return match?.[1] && match[2] ? { prefix: match[1], secret: match[2] } : undefined;
}

/**
 * Resolves a bearer API key to its principal, or `undefined` for unknown, revoked or malformed keys.
 * With a cache, a known key costs no database round trip; its change feed keeps revocation immediate.
 */
export function createApiKeyAuthenticator(
  system: SystemQueries,
  secrets: ApiKeySecrets,
  cache?: ApiKeyCache,
) {
  const load = system.findApiKeyCredential;
  // A fresh look-up also replaces what the cache held.
  const find = (prefix: string, options?: AuthenticateOptions) => {
    if (!cache) return load(prefix);
    return options?.fresh ? cache.refresh(prefix, load) : cache.find(prefix, load);
  };
  return async function authenticateApiKey(
    token: string,
    options?: AuthenticateOptions,
  ): Promise<Principal | undefined> {
    const parsed = parseApiKey(token);
    if (!parsed) return undefined;
    const credential = await find(parsed.prefix, options);
    if (!credential) return undefined;
    const presented = Buffer.from(hashApiKeySecret(parsed.secret, secrets));
    const stored = Buffer.from(credential.secretHash);
    if (presented.length !== stored.length || !timingSafeEqual(presented, stored)) return undefined;

    const now = new Date();
    if (!credential.lastUsedAt || now.getTime() - credential.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      // Set first: concurrent requests on a cached credential then do not all write it.
      credential.lastUsedAt = now;
      await system.touchApiKey(credential.id, now, LAST_USED_RESOLUTION_MS);
    }
    const role = lesserRole(credential.keyRole, credential.memberRole);
    return {
      userId: credential.userId,
      credential: { kind: "api-key", apiKeyId: credential.id, tenantId: credential.tenantId, role },
      memberships: [{ tenantId: credential.tenantId, role, personal: false }],
    };
  };
}
