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
  idempotencyKey: idempotencyKeySchema.optional(),
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

/** An offer of a role to whoever signs in with this verified email; nobody joins without accepting. */
export const invitationSchema = z.object({
  id: idSchema,
  email: z.string(),
  role: roleSchema,
  invitedBy: idSchema.nullable(),
  createdAt: timestampSchema,
  expiresAt: timestampSchema,
});
export type Invitation = z.infer<typeof invitationSchema>;

export const createInvitationInputSchema = z.strictObject({
  email: z.email().max(320),
  /** The owner role is offered by owners only. */
  role: roleSchema,
  idempotencyKey: idempotencyKeySchema.optional(),
});
export type CreateInvitationInput = z.infer<typeof createInvitationInputSchema>;

export const listInvitationsInputSchema = paginationInputSchema.prefault({});
export type ListInvitationsInput = z.infer<typeof listInvitationsInputSchema>;
export const invitationPageSchema = pageSchema(invitationSchema);

export const invitationIdInputSchema = z.strictObject({ invitationId: idSchema });
export type InvitationIdInput = z.infer<typeof invitationIdInputSchema>;

export const revokedInvitationSchema = z.object({ invitationId: idSchema, revoked: z.literal(true) });
export type RevokedInvitation = z.infer<typeof revokedInvitationSchema>;
export const declinedInvitationSchema = z.object({ invitationId: idSchema, declined: z.literal(true) });
export type DeclinedInvitation = z.infer<typeof declinedInvitationSchema>;

/** An invitation as its invitee sees it: which tenant offers which role, until when. */
export const receivedInvitationSchema = z.object({
  id: idSchema,
  tenant: z.object({ id: idSchema, slug: z.string(), name: z.string() }),
  role: roleSchema,
  createdAt: timestampSchema,
  expiresAt: timestampSchema,
});
export type ReceivedInvitation = z.infer<typeof receivedInvitationSchema>;

export const setMemberRoleInputSchema = z.strictObject({ userId: idSchema, role: roleSchema });
export type SetMemberRoleInput = z.infer<typeof setMemberRoleInputSchema>;

export const removeMemberInputSchema = z.strictObject({ userId: idSchema });
export type RemoveMemberInput = z.infer<typeof removeMemberInputSchema>;
export const removedMemberSchema = z.object({ userId: idSchema, removed: z.literal(true) });
export type RemovedMember = z.infer<typeof removedMemberSchema>;
