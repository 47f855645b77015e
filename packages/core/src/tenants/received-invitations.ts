import type { InvitationIdInput, ReceivedInvitation, Tenant } from "@jeex/contracts/tenants";
import type { SystemQueries } from "@jeex/db/system";
import type { Principal } from "../auth/principal.ts";
import { NotFoundError } from "../errors.ts";

/** The answering request, for the inviting tenant's audit trail. */
export interface AnsweringRequest {
  requestId?: string | undefined;
  ip?: string | undefined;
}

/** Invitations are addressed to an email its provider verified: the only email a user row keeps. */
async function verifiedEmailOf(system: SystemQueries, principal: Principal): Promise<string | undefined> {
  return (await system.findUser(principal.userId))?.email ?? undefined;
}

/** Open invitations addressed to the signed-in person (system path: they span tenants). */
export async function myInvitations(
  system: SystemQueries,
  principal: Principal,
): Promise<ReceivedInvitation[]> {
  const email = await verifiedEmailOf(system, principal);
  if (!email) return [];
  const rows = await system.listInvitationsForEmail(email, new Date());
  return rows.map((row) => ({
    id: row.id,
    tenant: { id: row.tenantId, slug: row.tenantSlug, name: row.tenantName },
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  }));
}

const answerOf = async (
  system: SystemQueries,
  principal: Principal,
  input: InvitationIdInput,
  request: AnsweringRequest,
) => {
  // No verified email, someone else's, answered, revoked or expired: all look alike.
  const email = await verifiedEmailOf(system, principal);
  if (!email) throw new NotFoundError("invitation");
  return { invitationId: input.invitationId, userId: principal.userId, email, now: new Date(), ...request };
};

/** Joins the inviting tenant with the offered role; the person is then a member there. */
export async function acceptInvitation(
  system: SystemQueries,
  principal: Principal,
  input: InvitationIdInput,
  request: AnsweringRequest,
): Promise<Tenant> {
  const joined = await system.acceptInvitation(await answerOf(system, principal, input, request));
  if (!joined) throw new NotFoundError("invitation");
  return joined;
}

export async function declineInvitation(
  system: SystemQueries,
  principal: Principal,
  input: InvitationIdInput,
  request: AnsweringRequest,
): Promise<{ invitationId: string; declined: true }> {
  if (!(await system.declineInvitation(await answerOf(system, principal, input, request)))) {
    throw new NotFoundError("invitation");
  }
  return { invitationId: input.invitationId, declined: true };
}
