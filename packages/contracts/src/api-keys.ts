import { z } from "zod";
import {
  idempotencyKeySchema,
  idSchema,
  pageSchema,
  paginationInputSchema,
  roleSchema,
  safeText,
  timestampSchema,
} from "./common.ts";

export const apiKeySchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  /** The public part of the key (`jeex_<prefix>_…`), to recognise it in lists and logs. */
  prefix: z.string(),
  userId: idSchema,
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const createApiKeyInputSchema = z.strictObject({
  name: safeText().trim().min(1).max(100),
  /** At most the caller's own role. */
  role: roleSchema,
  idempotencyKey: idempotencyKeySchema.optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInputSchema>;

/**
 * The only response that ever carries the secret. A retry answered from the idempotency record has
 * `secret: null` and a `note`: the secret is never stored, so it cannot be shown twice.
 */
export const createdApiKeySchema = z.object({
  apiKey: apiKeySchema,
  secret: z.string().nullable(),
  note: z.string().optional(),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const listApiKeysInputSchema = paginationInputSchema
  .extend({ includeRevoked: z.boolean().default(false) })
  .prefault({});
export type ListApiKeysInput = z.infer<typeof listApiKeysInputSchema>;
export const apiKeyPageSchema = pageSchema(apiKeySchema);

export const revokeApiKeyInputSchema = z.strictObject({ apiKeyId: idSchema });
export type RevokeApiKeyInput = z.infer<typeof revokeApiKeyInputSchema>;
