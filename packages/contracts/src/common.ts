import { z } from "zod";

/** Every id on the wire is a UUID (v4 from Postgres or v7 for time-ordered rows). */
export const idSchema = z.uuid();

/** Timestamps travel as ISO-8601 strings so non-TypeScript callers need no transformer. */
export const timestampSchema = z.iso.datetime({ offset: true });

/** Tenant roles, most powerful first. */
export const roles = ["owner", "admin", "editor", "viewer"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Opaque cursor: callers pass back what `nextCursor` gave them, nothing else. */
export const cursorSchema = z.string().min(1).max(200);

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
