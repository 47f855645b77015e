import { z } from "zod";
import {
  idSchema,
  pageSchema,
  paginationInputSchema,
  roleSchema,
  safeText,
  timestampSchema,
} from "./common.ts";

export const tenantSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "lowercase letters, digits and dashes, 2-63 characters");

export const tenantSchema = z.object({
  id: idSchema,
  slug: z.string(),
  name: z.string(),
  personal: z.boolean(),
  /** The caller's role in this tenant. */
  role: roleSchema,
});
export type Tenant = z.infer<typeof tenantSchema>;

export const createTenantInputSchema = z.strictObject({
  slug: tenantSlugSchema,
  name: safeText().trim().min(1).max(200),
});
export type CreateTenantInput = z.infer<typeof createTenantInputSchema>;

export const memberSchema = z.object({
  userId: idSchema,
  email: z.string().nullable(),
  displayName: z.string(),
  role: roleSchema,
  joinedAt: timestampSchema,
});
export type Member = z.infer<typeof memberSchema>;

export const listMembersInputSchema = paginationInputSchema.prefault({});
export type ListMembersInput = z.infer<typeof listMembersInputSchema>;
export const memberPageSchema = pageSchema(memberSchema);

export const addMemberInputSchema = z.strictObject({
  email: z.email().max(320),
  role: roleSchema,
});
export type AddMemberInput = z.infer<typeof addMemberInputSchema>;

export const setMemberRoleInputSchema = z.strictObject({ userId: idSchema, role: roleSchema });
export type SetMemberRoleInput = z.infer<typeof setMemberRoleInputSchema>;

export const removeMemberInputSchema = z.strictObject({ userId: idSchema });
export type RemoveMemberInput = z.infer<typeof removeMemberInputSchema>;
