import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, timeOrderedId, timestampMs } from "./columns.ts";
import { memberRole } from "./identity.ts";
import { tenantIsolation } from "./rls.ts";
import { tenantColumn } from "./tenant-columns.ts";
import { namedUser } from "./user-columns.ts";

/** Pending until the invitee answers or an admin revokes it; a pending one past `expires_at` is expired. */
export const invitationStatus = pgEnum("invitation_status", ["pending", "accepted", "declined", "revoked"]);

/**
 * An offer of a role in a tenant to whoever signs in with a verified `email`. Nobody joins a tenant
 * without accepting; the invitation's id is what the invitee answers (it is no secret: only the
 * person whose verified email it names can use it).
 */
export const invitations = pgTable(
  "invitations",
  {
    id: timeOrderedId(),
    tenantId: tenantColumn(),
    /** Lower-cased, compared with the invitee's verified email. */
    email: text().notNull(),
    role: memberRole().notNull(),
    invitedBy: namedUser(),
    status: invitationStatus().notNull().default("pending"),
    expiresAt: timestampMs().notNull(),
    acceptedBy: namedUser(),
    createdAt: createdAt(),
    /** When it was accepted, declined or revoked. */
    answeredAt: timestampMs(),
  },
  (t) => [
    index("invitations_tenant_idx").on(t.tenantId, t.id.desc()),
    // One open offer per person and tenant; inviting again renews it.
    uniqueIndex("invitations_tenant_email_pending_key")
      .on(t.tenantId, t.email)
      .where(sql`${t.status} = 'pending'`),
    // The invitee's own look-up (system path) goes by email across tenants.
    index("invitations_email_pending_idx").on(t.email).where(sql`${t.status} = 'pending'`),
    // The housekeeping sweep finds open invitations past their expiry by it.
    index("invitations_pending_expiry_idx").on(t.expiresAt).where(sql`${t.status} = 'pending'`),
    tenantIsolation("invitations", t.tenantId),
  ],
);
