import type { Role } from "@jeex/contracts/common";
import { eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { announceCredentialChange } from "../credential-changes.ts";
import { apiKeys } from "../schema/identity.ts";
import type { TenantTransaction } from "../tenant.ts";
import { inTenantOf } from "./in-tenant.ts";
import { type NewestFirstPage, newestFirstPage } from "./newest-first.ts";

export type ApiKeyRow = Omit<typeof apiKeys.$inferSelect, "secretHash" | "tenantId">;

const publicColumns = {
  id: apiKeys.id,
  userId: apiKeys.userId,
  name: apiKeys.name,
  role: apiKeys.role,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** API keys of the transaction's tenant. The secret hash never leaves this module. */
export function createApiKeyRepository({ db, scope }: TenantTransaction) {
  const inTenant = inTenantOf(apiKeys.tenantId, scope);

  return {
    async insert(key: { name: string; role: Role; prefix: string; secretHash: string }): Promise<ApiKeyRow> {
      const [row] = await db
        .insert(apiKeys)
        .values({ ...key, tenantId: scope.tenantId, userId: scope.userId })
        .returning(publicColumns);
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    async find(id: string): Promise<ApiKeyRow | undefined> {
      const [row] = await db
        .select(publicColumns)
        .from(apiKeys)
        .where(inTenant(eq(apiKeys.id, id)))
        .limit(1);
      return row;
    },

    /** Newest first; `beforeId` is the keyset cursor; only keys holding one of `roles`. */
    list({
      includeRevoked,
      roles,
      ...page
    }: NewestFirstPage & { includeRevoked: boolean; roles: readonly Role[] }) {
      const conditions: SQL[] = [inArray(apiKeys.role, [...roles])];
      if (!includeRevoked) conditions.push(isNull(apiKeys.revokedAt));
      const query = db.select(publicColumns).from(apiKeys).$dynamic();
      return newestFirstPage(query, apiKeys.id, page, inTenant(...conditions));
    },

    /** Revokes a live key; undefined when there is no such live key in this tenant. */
    async revoke(id: string): Promise<ApiKeyRow | undefined> {
      const [row] = await db
        .update(apiKeys)
        .set({ revokedAt: sql`now()` })
        .where(inTenant(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning(publicColumns);
      if (row) await announceCredentialChange(db, scope.tenantId);
      return row;
    },
  };
}

export type ApiKeyRepository = ReturnType<typeof createApiKeyRepository>;
