import { and, eq, gte, lt, type SQL } from "drizzle-orm";
import { idempotencyKeys } from "../schema/idempotency.ts";
import type { TenantTransaction } from "../tenant.ts";

export interface IdempotencyRecord {
  inputSha256: string;
  result: unknown;
}

export interface NewIdempotencyRecord extends IdempotencyRecord {
  operation: string;
  key: string;
  /** Records created before this are past their lifetime: ignored, and replaced by this one. */
  notBefore: Date;
}

/** First answers of the caller's keyed creates in the transaction's tenant. */
export function createIdempotencyRepository({ db, scope }: TenantTransaction) {
  const ofKey = (operation: string, key: string, ...conditions: SQL[]) =>
    and(
      eq(idempotencyKeys.tenantId, scope.tenantId),
      eq(idempotencyKeys.userId, scope.userId),
      eq(idempotencyKeys.operation, operation),
      eq(idempotencyKeys.key, key),
      ...conditions,
    );

  return {
    async find(operation: string, key: string, notBefore: Date): Promise<IdempotencyRecord | undefined> {
      const [row] = await db
        .select({ inputSha256: idempotencyKeys.inputSha256, result: idempotencyKeys.result })
        .from(idempotencyKeys)
        .where(ofKey(operation, key, gte(idempotencyKeys.createdAt, notBefore)))
        .limit(1);
      return row;
    },

    /** Fails with a unique violation while a live record of the key exists (a racing create). */
    async insert(record: NewIdempotencyRecord): Promise<void> {
      await db
        .delete(idempotencyKeys)
        .where(ofKey(record.operation, record.key, lt(idempotencyKeys.createdAt, record.notBefore)));
      await db.insert(idempotencyKeys).values({
        tenantId: scope.tenantId,
        userId: scope.userId,
        operation: record.operation,
        key: record.key,
        inputSha256: record.inputSha256,
        result: record.result,
        // The application's clock, the one `notBefore` is computed with.
        createdAt: new Date(),
      });
    },
  };
}

export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
