import { z } from "zod";

/** Every id on the wire is a UUID (v4 from Postgres or v7 for time-ordered rows). */
export const idSchema = z.uuid();

/**
 * Text Postgres can store: `text` and `jsonb` both reject U+0000, and a lone UTF-16 surrogate has
 * no UTF-8 form (an invalid byte sequence to `text`, an invalid escape to `jsonb`). Every string a
 * client sends that reaches the database starts here, so such input is a 400 naming the field,
 * not a 500 from the driver. A check, not a transform: JSON Schema output is unchanged.
 */
export const safeText = () =>
  z.string().refine((value) => !value.includes("\u0000") && value.isWellFormed(), {
    message: "must not contain NUL characters (U+0000) or unpaired surrogates",
  });

/** Timestamps travel as ISO-8601 strings so non-TypeScript callers need no transformer. */
/**
 * Optional on creates: a retry with the same key and input returns the first result, the same key
 * with another input is a CONFLICT. Scoped to tenant + caller + operation; kept 24 hours.
 */
export const idempotencyKeySchema = safeText().min(1).max(200);

export const timestampSchema = z.iso.datetime({ offset: true });

/** Tenant roles, most powerful first. */
export const roles = ["owner", "admin", "editor", "viewer"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Opaque cursor: callers pass back what `nextCursor` gave them, nothing else. */
export const cursorSchema = safeText().min(1).max(200);

export const paginationInputSchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type PaginationInput = z.infer<typeof paginationInputSchema>;

export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    nextCursor: cursorSchema.nullable(),
  });
}
export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}
