import type { Page, Role } from "@jeex/contracts/common";
import type {
  ListMembersInput,
  Member,
  RemoveMemberInput,
  SetMemberRoleInput,
} from "@jeex/contracts/tenants";
import type { MemberRow, MembershipRepository } from "@jeex/db/repositories";
import { type AuditContext, recordAudit } from "../audit/actor.ts";
import type { TenantAccess } from "../auth/principal.ts";
import { ForbiddenError, NotFoundError, PreconditionFailedError } from "../errors.ts";
import { idCursor, pageFrom } from "../pagination.ts";

const memberCursor = idCursor("m1");

export interface MembersContext extends AuditContext {
  members: MembershipRepository;
  access: TenantAccess;
}

const toMember = (row: MemberRow): Member => ({ ...row, joinedAt: row.joinedAt.toISOString() });

export async function listMembers(
  ctx: Pick<MembersContext, "members">,
  input: ListMembersInput,
): Promise<Page<Member>> {
  const rows = await ctx.members.list({
    afterUserId: input.cursor ? memberCursor.decode(input.cursor) : undefined,
    limit: input.limit + 1,
  });
  return pageFrom(rows, input.limit, toMember, (row) => memberCursor.encode(row.userId));
}

/** Only owners hand out or take away ownership. */
function assertMayManage(ctx: MembersContext, ...roles: Role[]) {
  if (roles.includes("owner") && ctx.access.role !== "owner") {
    throw new ForbiddenError("only an owner can grant, change or remove the owner role");
  }
}

async function assertAnotherOwnerRemains(ctx: MembersContext, userId: string) {
  const owners = await ctx.members.lockOwners();
  if (owners.length === 1 && owners[0] === userId) {
    throw new PreconditionFailedError(
      "the last owner cannot be removed or demoted; make someone else owner first",
    );
  }
}

export async function setMemberRole(ctx: MembersContext, input: SetMemberRoleInput): Promise<Member> {
  const current = await ctx.members.find(input.userId);
  if (!current) throw new NotFoundError("member");
  assertMayManage(ctx, current.role, input.role);
  if (current.role === "owner" && input.role !== "owner") await assertAnotherOwnerRemains(ctx, input.userId);
  await ctx.members.setRole(input.userId, input.role);
  await recordAudit(ctx, {
    action: "member.set_role",
    targetType: "user",
    targetId: input.userId,
    details: { from: current.role, to: input.role },
  });
  return toMember({ ...current, role: input.role });
}

export async function removeMember(ctx: MembersContext, input: RemoveMemberInput) {
  const current = await ctx.members.find(input.userId);
  if (!current) throw new NotFoundError("member");
  assertMayManage(ctx, current.role);
  if (current.role === "owner") await assertAnotherOwnerRemains(ctx, input.userId);
  await ctx.members.remove(input.userId);
  await recordAudit(ctx, {
    action: "member.remove",
    targetType: "user",
    targetId: input.userId,
    details: { role: current.role },
  });
  return { userId: input.userId, removed: true as const };
}
