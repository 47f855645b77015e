import {
  createInvitationInputSchema,
  createTenantInputSchema,
  declinedInvitationSchema,
  invitationIdInputSchema,
  invitationPageSchema,
  invitationSchema,
  listInvitationsInputSchema,
  listMembersInputSchema,
  memberPageSchema,
  memberSchema,
  receivedInvitationSchema,
  removedMemberSchema,
  removeMemberInputSchema,
  revokedInvitationSchema,
  setMemberRoleInputSchema,
  tenantSchema,
} from "@jeex/contracts/tenants";
import {
  acceptInvitation,
  createInvitation,
  createTenant,
  declineInvitation,
  listInvitations,
  listMembers,
  listTenants,
  myInvitations,
  removeMember,
  revokeInvitation,
  setMemberRole,
} from "@jeex/core/tenants";
import { z } from "zod";
import type { RequestContext } from "../context.ts";
import { type TenantRequestContext, tenantMutation, tenantQuery } from "../tenant-calls.ts";
import { adminProcedure, authedProcedure, router, sessionProcedure, viewerProcedure } from "../trpc.ts";

/** What an admin's invitation writes run with: the tenant, and how long an offer stays open. */
const invitingTenant = (ctx: TenantRequestContext) => ({
  ...ctx.tenant,
  invitationTtlMs: ctx.services.invitationTtlMs,
});

/** Where an invitee's answer came from, for the audit record it writes. */
const answeredFrom = (ctx: RequestContext) => ({ requestId: ctx.requestId, ip: ctx.ip });

export const tenantsRouter = router({
  list: authedProcedure
    .output(z.array(tenantSchema))
    .query(({ ctx }) => listTenants(ctx.services.db.system, ctx.principal)),
  create: sessionProcedure
    .input(createTenantInputSchema)
    .output(tenantSchema)
    .mutation(({ ctx, input }) => createTenant(ctx.services.db.system, ctx.principal.userId, input)),
  members: router({
    list: tenantQuery(viewerProcedure, listMembersInputSchema, memberPageSchema, listMembers),
    setRole: tenantMutation(adminProcedure, setMemberRoleInputSchema, memberSchema, setMemberRole),
    remove: tenantMutation(adminProcedure, removeMemberInputSchema, removedMemberSchema, removeMember),
  }),
  /**
   * Nobody is made a member: admins invite an email, and the person who signs in with it answers.
   * The invitee's procedures run on the system path (they are no member of the inviting tenant
   * yet), for people with a session only — an API key or service token belongs to one tenant.
   */
  invitations: router({
    create: tenantMutation(
      adminProcedure,
      createInvitationInputSchema,
      invitationSchema,
      createInvitation,
      invitingTenant,
    ),
    list: tenantQuery(adminProcedure, listInvitationsInputSchema, invitationPageSchema, listInvitations),
    revoke: tenantMutation(
      adminProcedure,
      invitationIdInputSchema,
      revokedInvitationSchema,
      revokeInvitation,
      invitingTenant,
    ),
    mine: sessionProcedure
      .output(z.array(receivedInvitationSchema))
      .query(({ ctx }) => myInvitations(ctx.services.db.system, ctx.principal)),
    accept: sessionProcedure
      .input(invitationIdInputSchema)
      .output(tenantSchema)
      .mutation(({ ctx, input }) =>
        acceptInvitation(ctx.services.db.system, ctx.principal, input, answeredFrom(ctx)),
      ),
    decline: sessionProcedure
      .input(invitationIdInputSchema)
      .output(declinedInvitationSchema)
      .mutation(({ ctx, input }) =>
        declineInvitation(ctx.services.db.system, ctx.principal, input, answeredFrom(ctx)),
      ),
  }),
});
