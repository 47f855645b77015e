import type { Page } from "@jeex/contracts/common";
import type {
  CreateInvitationInput,
  Invitation,
  InvitationIdInput,
  ListInvitationsInput,
} from "@jeex/contracts/tenants";
import type { InvitationRepository, InvitationRow, MembershipRepository } from "@jeex/db/repositories";
import { type AuditContext, recordAudit } from "../audit/actor.ts";
import type { TenantAccess } from "../auth/principal.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors.ts";
import { type IdempotencyContext, withIdempotency } from "../idempotency/with-idempotency.ts";
import { idCursor, pageBeforeId } from "../pagination.ts";

const invitationCursor = idCursor("i1");

export interface InvitationsContext extends AuditContext, IdempotencyContext {
  invitations: InvitationRepository;
  members: MembershipRepository;
  access: TenantAccess;
  /** How long an invitation stays open (configuration). */
  invitationTtlMs: number;
}

const toInvitation = (row: InvitationRow): Invitation => ({
  id: row.id,
  email: row.email,
  role: row.role,
  invitedBy: row.invitedBy,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
});

/** Only owners offer or withdraw the owner role. */
function assertMayOffer(ctx: InvitationsContext, role: Invitation["role"]) {
  if (role === "owner" && ctx.access.role !== "owner") {
    throw new ForbiddenError("only an owner can offer or withdraw the owner role");
  }
}

/**
 * Invites whoever signs in with `email` (inviting again renews the open invitation). Whether
 * anybody has that email anywhere is never looked up, so the answer is the same for every
 * address that is not already a member here.
 */
export async function createInvitation(
  ctx: InvitationsContext,
  input: CreateInvitationInput,
): Promise<Invitation> {
  assertMayOffer(ctx, input.role);
  return withIdempotency(ctx, "tenants.invitations.create", input, () => offerInvitation(ctx, input));
}

async function offerInvitation(ctx: InvitationsContext, input: CreateInvitationInput): Promise<Invitation> {
  const email = input.email.toLowerCase();
  // Members' emails are on this tenant's member list already: saying so reveals nothing new.
  if (await ctx.members.findByEmail(email)) throw new ConflictError("already a member of this tenant");
  const open = await ctx.invitations.findPendingByEmail(email);
  if (open) assertMayOffer(ctx, open.role);
  const row = await ctx.invitations.upsertPending({
    email,
    role: input.role,
    validForMs: ctx.invitationTtlMs,
  });
  await recordAudit(ctx, {
    action: "invitation.create",
    targetType: "invitation",
    targetId: row.id,
    details: { email, role: input.role },
  });
  return toInvitation(row);
}

export async function listInvitations(
  ctx: Pick<InvitationsContext, "invitations">,
  input: ListInvitationsInput,
): Promise<Page<Invitation>> {
  return pageBeforeId(
    input,
    invitationCursor,
    (keyset) => ctx.invitations.listOpen({ ...keyset, now: new Date() }),
    toInvitation,
  );
}

export async function revokeInvitation(
  ctx: InvitationsContext,
  input: InvitationIdInput,
): Promise<{ invitationId: string; revoked: true }> {
  const open = await ctx.invitations.findPending(input.invitationId);
  if (!open) throw new NotFoundError("invitation");
  assertMayOffer(ctx, open.role);
  if (!(await ctx.invitations.revoke(open.id))) throw new NotFoundError("invitation");
  await recordAudit(ctx, {
    action: "invitation.revoke",
    targetType: "invitation",
    targetId: open.id,
    details: { email: open.email, role: open.role },
  });
  return { invitationId: open.id, revoked: true };
}
