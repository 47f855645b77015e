import type { Role } from "@jeex/contracts/common";
import { eq, gt, type SQL, sql } from "drizzle-orm";
import { invitations } from "../schema/invitations.ts";
import type { TenantTransaction } from "../tenant.ts";
import { inTenantOf } from "./in-tenant.ts";
import { type NewestFirstPage, newestFirstPage } from "./newest-first.ts";

export type InvitationRow = typeof invitations.$inferSelect;

/** Invitations of the transaction's tenant, as its admins see them. Answering is the invitee's (system path). */
export function createInvitationRepository({ db, scope }: TenantTransaction) {
  const inTenant = inTenantOf(invitations.tenantId, scope);
  const pending = eq(invitations.status, "pending");
  const onePending = async (condition: SQL): Promise<InvitationRow | undefined> => {
    const [row] = await db.select().from(invitations).where(inTenant(pending, condition)).limit(1);
    return row;
  };

  return {
    /** The open invitation for `email`, expired or not. */
    findPendingByEmail: (email: string) => onePending(eq(invitations.email, email)),

    findPending: (id: string) => onePending(eq(invitations.id, id)),

    /** Invites `email`, or renews the open invitation it already has (new role, inviter and expiry). */
    async upsertPending({ email, role, validForMs }: { email: string; role: Role; validForMs: number }) {
      // Both timestamps from the database clock: every invitation is valid for exactly `validForMs`.
      const expiresAt = sql`now() + ${validForMs} * interval '1 millisecond'`;
      const [row] = await db
        .insert(invitations)
        .values({ email, role, expiresAt, tenantId: scope.tenantId, invitedBy: scope.userId })
        .onConflictDoUpdate({
          target: [invitations.tenantId, invitations.email],
          targetWhere: sql`${invitations.status} = 'pending'`,
          set: {
            role,
            expiresAt,
            invitedBy: scope.userId,
            createdAt: sql`now()`,
          },
        })
        .returning();
      if (!row) throw new Error("upsert returned no invitation");
      return row;
    },

    /** Open, unexpired invitations, newest first; `beforeId` is the keyset cursor. */
    listOpen({ now, ...page }: NewestFirstPage & { now: Date }) {
      const query = db.select().from(invitations).$dynamic();
      return newestFirstPage(query, invitations.id, page, inTenant(pending, gt(invitations.expiresAt, now)));
    },

    /** Withdraws an open invitation; undefined when there is none with that id. */
    async revoke(id: string): Promise<InvitationRow | undefined> {
      const [row] = await db
        .update(invitations)
        .set({ status: "revoked", answeredAt: sql`now()` })
        .where(inTenant(pending, eq(invitations.id, id)))
        .returning();
      return row;
    },
  };
}

export type InvitationRepository = ReturnType<typeof createInvitationRepository>;
