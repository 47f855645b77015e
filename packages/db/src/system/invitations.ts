import { and, desc, eq, gt, sql } from "drizzle-orm";
import { auditLog } from "../schema/audit.ts";
import { memberships, tenants } from "../schema/identity.ts";
import { invitations } from "../schema/invitations.ts";
import type { AnyDatabase } from "../types.ts";
import { deleteRowsBefore } from "./housekeeping.ts";

/** How the answering request appears in the inviting tenant's audit trail. */
export interface InvitationAnswer {
  invitationId: string;
  userId: string;
  /** The invitee's verified email: only invitations addressed to it can be answered. */
  email: string;
  now: Date;
  requestId?: string | undefined;
  ip?: string | undefined;
}

const answerable = (answer: InvitationAnswer) =>
  and(
    eq(invitations.id, answer.invitationId),
    eq(invitations.email, answer.email),
    eq(invitations.status, "pending"),
    gt(invitations.expiresAt, answer.now),
  );

/**
 * The invitee's side of invitations. Before accepting they are no member of the inviting tenant,
 * so no tenant transaction can show them the row: these queries cross tenants, always keyed by
 * the caller's own verified email.
 */
export function invitationSystemQueries(db: AnyDatabase) {
  const audit = (
    tx: Pick<AnyDatabase, "insert">,
    answer: InvitationAnswer,
    tenantId: string,
    action: string,
    role: string,
  ) =>
    tx.insert(auditLog).values({
      tenantId,
      actorUserId: answer.userId,
      actorKind: "session",
      action,
      targetType: "invitation",
      targetId: answer.invitationId,
      details: { role },
      requestId: answer.requestId,
      ip: answer.ip,
    });

  return {
    /**
     * Housekeeping across tenants: drops invitations that expired unanswered before `now`. Nothing
     * reads them (no list shows them, none can be answered), inviting the email again offers anew
     * either way, and each holds the address of someone who never joined. Answered ones are no expired offers: they are kept.
     */
    deleteExpiredInvitations: (now: Date) =>
      deleteRowsBefore(db, invitations, invitations.expiresAt, now, eq(invitations.status, "pending")),

    /** Open, unexpired invitations addressed to `email`, newest first, with their tenant. */
    listInvitationsForEmail(email: string, now: Date) {
      return db
        .select({
          id: invitations.id,
          tenantId: invitations.tenantId,
          tenantSlug: tenants.slug,
          tenantName: tenants.name,
          role: invitations.role,
          expiresAt: invitations.expiresAt,
          createdAt: invitations.createdAt,
        })
        .from(invitations)
        .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
        .where(
          and(
            eq(invitations.email, email),
            eq(invitations.status, "pending"),
            gt(invitations.expiresAt, now),
          ),
        )
        .orderBy(desc(invitations.id))
        .limit(100);
    },

    /**
     * Accepts an open invitation addressed to the caller: they become a member with its role (an
     * existing membership keeps its role), joined of their own accord. Undefined when there is
     * no such open invitation.
     */
    async acceptInvitation(answer: InvitationAnswer) {
      return db.transaction(async (tx) => {
        const [accepted] = await tx
          .update(invitations)
          .set({ status: "accepted", acceptedBy: answer.userId, answeredAt: answer.now })
          .where(answerable(answer))
          .returning({ tenantId: invitations.tenantId, role: invitations.role });
        if (!accepted) return undefined;
        const [membership] = await tx
          .insert(memberships)
          .values({
            tenantId: accepted.tenantId,
            userId: answer.userId,
            role: accepted.role,
            acceptedAt: answer.now,
          })
          .onConflictDoUpdate({
            target: [memberships.tenantId, memberships.userId],
            // Already a member (made one for them): keep the role, record that they now consented.
            set: { acceptedAt: sql`coalesce(${memberships.acceptedAt}, excluded.accepted_at)` },
          })
          .returning({ role: memberships.role });
        if (!membership) throw new Error("membership upsert returned no row");
        await audit(tx, answer, accepted.tenantId, "invitation.accept", accepted.role);
        const [tenant] = await tx
          .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, personal: tenants.personal })
          .from(tenants)
          .where(eq(tenants.id, accepted.tenantId));
        if (!tenant) throw new Error("an invitation's tenant is gone");
        return { ...tenant, role: membership.role };
      });
    },

    /** Declines an open invitation addressed to the caller; false when there is none. */
    async declineInvitation(answer: InvitationAnswer): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [declined] = await tx
          .update(invitations)
          .set({ status: "declined", answeredAt: answer.now })
          .where(answerable(answer))
          .returning({ tenantId: invitations.tenantId, role: invitations.role });
        if (!declined) return false;
        await audit(tx, answer, declined.tenantId, "invitation.decline", declined.role);
        return true;
      });
    },
  };
}
