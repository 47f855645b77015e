import { createHmac, randomBytes } from "node:crypto";
import type { Role } from "@jeex/contracts/common";
import type { SystemQueries } from "@jeex/db/system";

export interface ApiKeySecrets {
  /** Server-side key for the HMAC; a leaked table alone cannot be used to check guesses. */
  hashKey: string;
}

// jeex_<prefix>_<secret>, the format parseApiKey (verify.ts) reads.
export function generateApiKey(): { apiKey: string; prefix: string; secret: string } {
  const prefix = randomBytes(12).toString("base64url").replaceAll("_", "-");
  const secret = randomBytes(32).toString("base64url");
  return { apiKey: `jeex_${prefix}_${secret}`, prefix, secret };
}

export function hashApiKeySecret(secret: string, secrets: ApiKeySecrets): string {
  return createHmac("sha256", secrets.hashKey).update(secret).digest("base64url");
}

export interface ProvisionApiKeyRequest {
  tenantSlug: string;
  tenantName?: string;
  email: string;
  role: Role;
  keyName?: string;
}

/** Creates tenant, user and membership as needed plus a new key; the key is returned once, here. */
export async function provisionApiKey(
  system: SystemQueries,
  secrets: ApiKeySecrets,
  request: ProvisionApiKeyRequest,
) {
  const { apiKey, prefix, secret } = generateApiKey();
  const created = await system.provisionApiKey({
    tenantSlug: request.tenantSlug,
    tenantName: request.tenantName ?? request.tenantSlug,
    email: request.email.toLowerCase(),
    role: request.role,
    keyName: request.keyName ?? "admin-cli",
    prefix,
    secretHash: hashApiKeySecret(secret, secrets),
  });
  return { apiKey, tenantId: created.tenantId, userId: created.userId, apiKeyId: created.apiKeyId };
}
