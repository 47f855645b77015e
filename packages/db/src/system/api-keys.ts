import type { Role } from "@jeex/contracts/common";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { announceCredentialChange } from "../credential-changes.ts";
import { apiKeys, memberships, tenants, users } from "../schema/identity.ts";
import type { AnyDatabase } from "../types.ts";
import { grantRole } from "./identities.ts";

export interface ApiKeyCredential {
  id: string;
  tenantId: string;
  userId: string;
  /** The lesser of the key's role and the member's current role is applied by the caller. */
  keyRole: Role;
  memberRole: Role;
  secretHash: string;
  lastUsedAt: Date | null;
}

export interface ProvisionApiKeyInput {
  tenantSlug: string;
  tenantName: string;
  email: string;
  role: Role;
  keyName: string;
  prefix: string;
  secretHash: string;
}

export interface ProvisionedApiKey {
  apiKeyId: string;
  tenantId: string;
  userId: string;
}

/** Finding an API key before its tenant is known, and provisioning keys from the admin CLI. */
export function apiKeySystemQueries(db: AnyDatabase) {
  return {
    /** A live key whose user is still a member of the key's tenant. */
    async findApiKeyCredential(prefix: string): Promise<ApiKeyCredential | undefined> {
      const [row] = await db
        .select({
          id: apiKeys.id,
          tenantId: apiKeys.tenantId,
          userId: apiKeys.userId,
          keyRole: apiKeys.role,
          memberRole: memberships.role,
          secretHash: apiKeys.secretHash,
          lastUsedAt: apiKeys.lastUsedAt,
        })
        .from(apiKeys)
        .innerJoin(
          memberships,
          and(eq(memberships.tenantId, apiKeys.tenantId), eq(memberships.userId, apiKeys.userId)),
        )
        .where(and(eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)))
        .limit(1);
      return row;
    },

    /** Records use, at most once per `interval` per key so hot keys do not write on every request. */
    async touchApiKey(id: string, now: Date, intervalMs: number): Promise<void> {
      const staleBefore = new Date(now.getTime() - intervalMs);
      await db
        .update(apiKeys)
        .set({ lastUsedAt: now })
        .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))));
    },

    /** Creates the tenant, user and membership when missing, then the key — atomically. */
    async provisionApiKey(input: ProvisionApiKeyInput): Promise<ProvisionedApiKey> {
      return db.transaction(async (tx) => {
        const [tenant] = await tx
          .insert(tenants)
          .values({ slug: input.tenantSlug, name: input.tenantName })
          .onConflictDoUpdate({ target: tenants.slug, set: { slug: input.tenantSlug } })
          .returning({ id: tenants.id });
        const [user] = await tx
          .insert(users)
          .values({ email: input.email })
          .onConflictDoUpdate({ target: users.email, set: { email: input.email } })
          .returning({ id: users.id });
        if (!tenant || !user) throw new Error("provisioning returned no row");
        await grantRole(tx, tenant.id, user.id, input.role);
        const [key] = await tx
          .insert(apiKeys)
          .values({
            tenantId: tenant.id,
            userId: user.id,
            name: input.keyName,
            role: input.role,
            prefix: input.prefix,
            secretHash: input.secretHash,
          })
          .returning({ id: apiKeys.id });
        if (!key) throw new Error("provisioning returned no key");
        // The upsert may have changed an existing member's role.
        await announceCredentialChange(tx, tenant.id);
        return { apiKeyId: key.id, tenantId: tenant.id, userId: user.id };
      });
    },
  };
}
