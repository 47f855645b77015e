import type { Role } from "@jeex/contracts/common";
import { asc, eq, gt, type SQL } from "drizzle-orm";
import { announceCredentialChange } from "../credential-changes.ts";
import { memberships, users } from "../schema/identity.ts";
import type { TenantTransaction } from "../tenant.ts";
import { inTenantOf } from "./in-tenant.ts";

export interface MemberRow {
  userId: string;
  email: string | null;
  displayName: string;
  role: Role;
  joinedAt: Date;
}

/** Members of the transaction's tenant. */
export function createMembershipRepository({ db, scope }: TenantTransaction) {
  const inTenant = inTenantOf(memberships.tenantId, scope);
  const memberColumns = {
    userId: memberships.userId,
    email: users.email,
    displayName: users.displayName,
    role: memberships.role,
    joinedAt: memberships.createdAt,
  };

  // Members with their user rows (fellow members' user rows are visible inside the tenant, no one else's).
  const members = () =>
    db.select(memberColumns).from(memberships).innerJoin(users, eq(users.id, memberships.userId));
  const findOne = async (condition: SQL): Promise<MemberRow | undefined> => {
    const [row] = await members().where(inTenant(condition)).limit(1);
    return row;
  };

  return {
    /** Ordered by user id; `afterUserId` is the keyset cursor. */
    list({ afterUserId, limit }: { afterUserId?: string | undefined; limit: number }): Promise<MemberRow[]> {
      return members()
        .where(inTenant(...(afterUserId ? [gt(memberships.userId, afterUserId)] : [])))
        .orderBy(asc(memberships.userId))
        .limit(limit);
    },

    find: (userId: string) => findOne(eq(memberships.userId, userId)),

    /** A member by email. */
    findByEmail: (email: string) => findOne(eq(users.email, email)),

    async setRole(userId: string, role: Role): Promise<void> {
      await db
        .update(memberships)
        .set({ role })
        .where(inTenant(eq(memberships.userId, userId)));
      await announceCredentialChange(db, scope.tenantId);
    },

    async remove(userId: string): Promise<void> {
      await db.delete(memberships).where(inTenant(eq(memberships.userId, userId)));
      await announceCredentialChange(db, scope.tenantId);
    },

    /**
     * Locks the tenant's owner rows until the transaction ends and returns their user ids, so two
     * concurrent demotions cannot both see "another owner remains".
     */
    async lockOwners(): Promise<string[]> {
      const rows = await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(inTenant(eq(memberships.role, "owner")))
        .for("update");
      return rows.map((row) => row.userId);
    },
  };
}

export type MembershipRepository = ReturnType<typeof createMembershipRepository>;
