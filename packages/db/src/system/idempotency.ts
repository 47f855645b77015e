import { and, eq, gte, lt } from "drizzle-orm";
import type { IdempotencyRecord } from "../repositories/idempotency.ts";
import { idempotencyKeys } from "../schema/idempotency.ts";
import type { AnyDatabase } from "../types.ts";
import { deleteRowsBefore } from "./housekeeping.ts";

/** The operation whose record lives in the tenant it made, so its look-up cannot be tenant-scoped. */
export const tenantCreateOperation = "tenants.create";

/** A tenant-creating request keyed by its caller: the retry does not know the tenant yet. */
export interface TenantCreationKey {
  key: string;
  inputSha256: string;
  /** Records created before this are past their lifetime: ignored, and replaced. */
  notBefore: Date;
}

export function idempotencySystemQueries(db: AnyDatabase) {
  return {
    /** Housekeeping across tenants: records past their lifetime answer nothing any more. */
    deleteExpiredIdempotencyKeys: (notBefore: Date) =>
      deleteRowsBefore(db, idempotencyKeys, idempotencyKeys.createdAt, notBefore),

    /** The caller's own earlier `tenants.create` with this key (by user id: never another user's). */
    async findTenantCreation(
      userId: string,
      key: string,
      notBefore: Date,
    ): Promise<IdempotencyRecord | undefined> {
      const [row] = await db
        .select({ inputSha256: idempotencyKeys.inputSha256, result: idempotencyKeys.result })
        .from(idempotencyKeys)
        .where(
          and(
            eq(idempotencyKeys.userId, userId),
            eq(idempotencyKeys.operation, tenantCreateOperation),
            eq(idempotencyKeys.key, key),
            gte(idempotencyKeys.createdAt, notBefore),
          ),
        )
        .limit(1);
      return row;
    },
  };
}

/** Inside the transaction that made `tenant`: its record replaces an expired one of the same key. */
export async function recordTenantCreation(
  tx: AnyDatabase,
  userId: string,
  idempotency: TenantCreationKey,
  tenant: { id: string },
): Promise<void> {
  const ofKey = and(
    eq(idempotencyKeys.userId, userId),
    eq(idempotencyKeys.operation, tenantCreateOperation),
    eq(idempotencyKeys.key, idempotency.key),
  );
  await tx.delete(idempotencyKeys).where(and(ofKey, lt(idempotencyKeys.createdAt, idempotency.notBefore)));
  await tx.insert(idempotencyKeys).values({
    tenantId: tenant.id,
    userId,
    operation: tenantCreateOperation,
    key: idempotency.key,
    inputSha256: idempotency.inputSha256,
    result: tenant,
    // The application's clock, the one `notBefore` is computed with.
    createdAt: new Date(),
  });
}
