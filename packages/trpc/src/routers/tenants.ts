import {
  addMemberInputSchema,
  createTenantInputSchema,
  listMembersInputSchema,
  removeMemberInputSchema,
  setMemberRoleInputSchema,
} from "@jeex/contracts/tenants";
import { createTenant, listTenants } from "@jeex/core/tenants";
import { addMember, listMembers, removeMember, setMemberRole } from "@jeex/core/tenants/members";
import {
  adminProcedure,
  authedProcedure,
  inTenantTransaction,
  memberProcedure,
  router,
  sessionProcedure,
  viewerProcedure,
} from "../trpc.ts";

const membersContext = <Scope extends object>(scope: Scope, addedUserId?: string) => ({
  ...scope,
  findUserIdByEmail: async () => addedUserId,
});

export const tenantsRouter = router({
  list: authedProcedure.query(({ ctx }) => listTenants(ctx.services.db.system, ctx.principal)),
  create: sessionProcedure
    .input(createTenantInputSchema)
    .mutation(({ ctx, input }) => createTenant(ctx.services.db.system, ctx.principal.userId, input)),
  members: router({
    list: viewerProcedure
      .input(listMembersInputSchema)
      .query(({ ctx, input }) => listMembers(ctx.scope, input)),
    // Whom to add is not a member yet, so they are found on the system path, before the tenant
    // transaction opens (their row is invisible inside it).
    add: memberProcedure("admin")
      .input(addMemberInputSchema)
      .use(async ({ ctx, input, next }) =>
        next({ ctx: { addedUserId: (await ctx.services.db.system.findUserByEmail(input.email))?.id } }),
      )
      .use(inTenantTransaction)
      .mutation(({ ctx, input }) => addMember(membersContext(ctx.scope, ctx.addedUserId), input)),
    setRole: adminProcedure
      .input(setMemberRoleInputSchema)
      .mutation(({ ctx, input }) => setMemberRole(membersContext(ctx.scope), input)),
    remove: adminProcedure
      .input(removeMemberInputSchema)
      .mutation(({ ctx, input }) => removeMember(membersContext(ctx.scope), input)),
  }),
});
