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
import { createTenant, listTenants } from "@jeex/core/tenants";
import { createInvitation, listInvitations, revokeInvitation } from "@jeex/core/tenants/invitations";
import { listMembers, removeMember, setMemberRole } from "@jeex/core/tenants/members";
import { acceptInvitation, declineInvitation, myInvitations } from "@jeex/core/tenants/received-invitations";
import { z } from "zod";
import { adminProcedure, authedProcedure, router, sessionProcedure, viewerProcedure } from "../trpc.ts";

export const tenantsRouter = router({
  list: authedProcedure
    .output(z.array(tenantSchema))
    .query(({ ctx }) => listTenants(ctx.services.db.system, ctx.principal)),
  create: sessionProcedure
    .input(createTenantInputSchema)
    .output(tenantSchema)
    .mutation(({ ctx, input }) => createTenant(ctx.services.db.system, ctx.principal.userId, input)),
  members: router({
    list: viewerProcedure
      .input(listMembersInputSchema)
      .output(memberPageSchema)
      .query(({ ctx, input }) => listMembers(ctx.scope, input)),
    setRole: adminProcedure
      .input(setMemberRoleInputSchema)
      .output(memberSchema)
      .mutation(({ ctx, input }) => setMemberRole(ctx.scope, input)),
    remove: adminProcedure
      .input(removeMemberInputSchema)
      .output(removedMemberSchema)
      .mutation(({ ctx, input }) => removeMember(ctx.scope, input)),
  }),
  /**
   * Nobody is made a member: admins invite an email, and the person who signs in with it answers.
   * The invitee's procedures run on the system path (they are no member of the inviting tenant
   * yet), for people with a session only — an API key or service token belongs to one tenant.
   */
  invitations: router({
    create: adminProcedure
      .input(createInvitationInputSchema)
      .output(invitationSchema)
      .mutation(({ ctx, input }) =>
        createInvitation({ ...ctx.scope, invitationTtlMs: ctx.services.invitationTtlMs }, input),
      ),
    list: adminProcedure
      .input(listInvitationsInputSchema)
      .output(invitationPageSchema)
      .query(({ ctx, input }) => listInvitations(ctx.scope, input)),
    revoke: adminProcedure
      .input(invitationIdInputSchema)
      .output(revokedInvitationSchema)
      .mutation(({ ctx, input }) =>
        revokeInvitation({ ...ctx.scope, invitationTtlMs: ctx.services.invitationTtlMs }, input),
      ),
    mine: sessionProcedure
      .output(z.array(receivedInvitationSchema))
      .query(({ ctx }) => myInvitations(ctx.services.db.system, ctx.principal)),
    accept: sessionProcedure
      .input(invitationIdInputSchema)
      .output(tenantSchema)
      .mutation(({ ctx, input }) =>
        acceptInvitation(ctx.services.db.system, ctx.principal, input, {
          requestId: ctx.requestId,
          ip: ctx.ip,
        }),
      ),
    decline: sessionProcedure
      .input(invitationIdInputSchema)
      .output(declinedInvitationSchema)
      .mutation(({ ctx, input }) =>
        declineInvitation(ctx.services.db.system, ctx.principal, input, {
          requestId: ctx.requestId,
          ip: ctx.ip,
        }),
      ),
  }),
});
