import { createHash } from "node:crypto";
import { isUniqueViolation } from "@jeex/db/errors";
import type { IdempotencyRepository } from "@jeex/db/repositories";
import { ConflictError } from "../errors.ts";

/** How long a key answers with its first result; after that the same key makes a new create. */
export const idempotencyKeyLifetimeMs = 24 * 60 * 60 * 1000;

export const idempotencyNotBefore = (now = Date.now()) => new Date(now - idempotencyKeyLifetimeMs);

/** JSON with object keys sorted, so equal inputs hash equally whatever order their fields came in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The hash that tells a retry (same input) from another request reusing the key; the key itself is left out. */
export function idempotencyInputHash(input: { idempotencyKey?: string | undefined }): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash("sha256").update(canonicalJson(rest)).digest("hex");
}

export function assertSameInput(operation: string, storedSha256: string, inputSha256: string) {
  if (storedSha256 !== inputSha256) {
    throw new ConflictError(
      `this idempotency key was used for a different ${operation} request; use a new key for a new request`,
    );
  }
}

export const keyInUse = () =>
  new ConflictError("a request with this idempotency key is being processed; retry");

export interface IdempotencyContext {
  idempotency: IdempotencyRepository;
}

/** How a result is kept and given back; the default keeps it whole (it must be plain JSON). */
export interface StoredResult<T> {
  store(result: T): unknown;
  replay(stored: unknown): T;
}

const asIs = { store: (result: unknown) => result, replay: (stored: unknown) => stored };

/**
 * Runs `create` once per (tenant, caller, operation, key): a retry with the same input gets the
 * first result back, another input with the same key is a CONFLICT. The record is written in the
 * caller's tenant transaction, so a create and its record commit together or not at all; a racing
 * duplicate fails the record's unique index and rolls its own create back.
 */
export async function withIdempotency<T, Input extends { idempotencyKey?: string | undefined }>(
  ctx: IdempotencyContext,
  operation: string,
  input: Input,
  create: () => Promise<T>,
  stored: StoredResult<T> = asIs as StoredResult<T>,
): Promise<T> {
  const key = input.idempotencyKey;
  if (!key) return create();
  const inputSha256 = idempotencyInputHash(input);
  const notBefore = idempotencyNotBefore();
  const earlier = await ctx.idempotency.find(operation, key, notBefore);
  if (earlier) {
    assertSameInput(operation, earlier.inputSha256, inputSha256);
    return stored.replay(earlier.result);
  }
  const result = await create();
  await ctx.idempotency
    .insert({ operation, key, inputSha256, result: stored.store(result), notBefore })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? keyInUse() : error;
    });
  return result;
}
