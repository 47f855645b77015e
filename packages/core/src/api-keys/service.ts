import type {
  ApiKey,
  CreateApiKeyInput,
  CreatedApiKey,
  ListApiKeysInput,
  RevokeApiKeyInput,
} from "@jeex/contracts/api-keys";
import { type Page, type Role, roles } from "@jeex/contracts/common";
import type { ApiKeyRepository, ApiKeyRow } from "@jeex/db/repositories";
import { type AuditContext, recordAudit } from "../audit/actor.ts";
import type { TenantAccess } from "../auth/principal.ts";
import { roleAtLeast } from "../auth/roles.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import {
  type IdempotencyContext,
  type StoredResult,
  withIdempotency,
} from "../idempotency/with-idempotency.ts";
import { idCursor, isoOrNull, pageBeforeId } from "../pagination.ts";
import { type ApiKeySecrets, generateApiKey, hashApiKeySecret } from "./issue.ts";

const apiKeyCursor = idCursor("k1");

export interface ApiKeysContext extends AuditContext, IdempotencyContext {
  apiKeys: ApiKeyRepository;
  access: TenantAccess;
  secrets: ApiKeySecrets;
}

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: isoOrNull(row.lastUsedAt),
  revokedAt: isoOrNull(row.revokedAt),
});

/**
 * A credential above the caller's own role is not theirs to make, see or revoke: only owners
 * touch owner-role keys (an admin revoking them could lock the owners' automation out).
 */
const mayTouch = (access: TenantAccess, keyRole: Role) => roleAtLeast(access.role, keyRole);

/**
 * A retried create answers with the first key's metadata and `secret: null`. The plaintext secret
 * is never stored (only its hash), and re-deriving it from the idempotency key would make a
 * long-lived credential as guessable as a retry key that clients log and resend; so a caller who
 * lost the first answer revokes that key (the note names it) and creates a new one.
 */
const withoutSecret: StoredResult<CreatedApiKey> = {
  store: ({ apiKey }) => ({ apiKey }),
  replay: (stored) => {
    const { apiKey } = stored as Pick<CreatedApiKey, "apiKey">;
    return {
      apiKey,
      secret: null,
      note: `the secret of ${apiKey.prefix} was returned only by the first answer; if it was lost, revoke this key and create another`,
    };
  },
};

/** A key acts as its creator, with at most the creator's role; the secret is returned only here. */
export async function createApiKey(ctx: ApiKeysContext, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  if (!mayTouch(ctx.access, input.role)) {
    throw new ForbiddenError(`a key cannot have more than your own role (${ctx.access.role})`);
  }
  return withIdempotency(ctx, "apiKeys.create", input, () => issueApiKey(ctx, input), withoutSecret);
}

async function issueApiKey(ctx: ApiKeysContext, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const { apiKey, prefix, secret } = generateApiKey();
  const row = await ctx.apiKeys.insert({
    name: input.name,
    role: input.role,
    prefix,
    secretHash: hashApiKeySecret(secret, ctx.secrets),
  });
  await recordAudit(ctx, {
    action: "api_key.create",
    targetType: "api_key",
    targetId: row.id,
    details: { name: input.name, role: input.role, prefix },
  });
  return { apiKey: toApiKey(row), secret: apiKey };
}

/** The tenant's keys up to the caller's own role (an admin does not see owner-role keys). */
export async function listApiKeys(
  ctx: Pick<ApiKeysContext, "apiKeys" | "access">,
  input: ListApiKeysInput,
): Promise<Page<ApiKey>> {
  const visibleRoles = roles.filter((role) => mayTouch(ctx.access, role));
  return pageBeforeId(
    input,
    apiKeyCursor,
    (keyset) => ctx.apiKeys.list({ ...keyset, includeRevoked: input.includeRevoked, roles: visibleRoles }),
    toApiKey,
  );
}

export async function revokeApiKey(ctx: ApiKeysContext, input: RevokeApiKeyInput): Promise<ApiKey> {
  const key = await ctx.apiKeys.find(input.apiKeyId);
  if (key && !mayTouch(ctx.access, key.role)) {
    throw new ForbiddenError(`only an owner can revoke a key with the ${key.role} role`);
  }
  const row = await ctx.apiKeys.revoke(input.apiKeyId);
  if (!row) throw new NotFoundError("api key");
  await recordAudit(ctx, {
    action: "api_key.revoke",
    targetType: "api_key",
    targetId: row.id,
    details: { prefix: row.prefix },
  });
  return toApiKey(row);
}
