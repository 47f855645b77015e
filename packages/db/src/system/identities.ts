import { randomBytes } from "node:crypto";
import type { Role } from "@jeex/contracts/common";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { memberships, tenants, users } from "../schema/identity.ts";
import type { AnyDatabase } from "../types.ts";
import { recordTenantCreation, type TenantCreationKey } from "./idempotency.ts";

/** Makes the user a member of the tenant with `role`, or sets the role of the member they are. */
export async function grantRole(
  tx: AnyDatabase,
  tenantId: string,
  userId: string,
  role: Role,
): Promise<void> {
  await tx
    .insert(memberships)
    .values({ tenantId, userId, role })
    .onConflictDoUpdate({ target: [memberships.tenantId, memberships.userId], set: { role } });
}

export interface MembershipRow {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  personal: boolean;
  role: Role;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** Only a verified email is stored, and only when no other user has it. */
  verifiedEmail?: string | undefined;
  displayName?: string | undefined;
}

const personalSlug = () => `personal-${randomBytes(6).toString("hex")}`;

/** Users, tenants and memberships as seen before a tenant is chosen: sign-in and tenant selection. */
export function identitySystemQueries(db: AnyDatabase) {
  async function listMemberships(userId: string): Promise<MembershipRow[]> {
    return db
      .select({
        tenantId: memberships.tenantId,
        tenantSlug: tenants.slug,
        tenantName: tenants.name,
        personal: tenants.personal,
        role: memberships.role,
      })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(eq(memberships.userId, userId))
      .orderBy(tenants.name);
  }

  return {
    listMemberships,

    /** Tenants the user joined of their own accord: the only ones whose audit trail records their sign-ins. */
    async listJoinedTenantIds(userId: string): Promise<string[]> {
      const rows = await db
        .select({ tenantId: memberships.tenantId })
        .from(memberships)
        .where(and(eq(memberships.userId, userId), isNotNull(memberships.acceptedAt)));
      return rows.map((row) => row.tenantId);
    },

    async hasAnyTenant(): Promise<boolean> {
      const [row] = await db.select({ one: sql<number>`1` }).from(tenants).limit(1);
      return row !== undefined;
    },

    async findUserByIdentity(issuer: string, subject: string): Promise<{ id: string } | undefined> {
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.issuer, issuer), eq(users.subject, subject)))
        .limit(1);
      return row;
    },

    async findUser(userId: string) {
      const [row] = await db
        .select({ id: users.id, email: users.email, displayName: users.displayName, issuer: users.issuer })
        .from(users)
        .where(eq(users.id, userId))
        .limit(1);
      return row;
    },

    /**
     * First sign-in creates the user and a personal tenant they own; later sign-ins refresh the
     * display name. Returns whether the user is new.
     */
    async upsertOidcUser(identity: OidcIdentity): Promise<{ userId: string; created: boolean }> {
      return db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.issuer, identity.issuer), eq(users.subject, identity.subject)))
          .for("update")
          .limit(1);
        if (existing) {
          if (identity.displayName) {
            await tx
              .update(users)
              .set({ displayName: identity.displayName })
              .where(eq(users.id, existing.id));
          }
          return { userId: existing.id, created: false };
        }
        const email = identity.verifiedEmail?.toLowerCase();
        const emailTaken = email
          ? (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1)).length > 0
          : true;
        const [user] = await tx
          .insert(users)
          .values({
            issuer: identity.issuer,
            subject: identity.subject,
            email: emailTaken ? null : email,
            displayName: identity.displayName ?? email ?? "",
          })
          .returning({ id: users.id });
        if (!user) throw new Error("user insert returned no row");
        const [tenant] = await tx
          .insert(tenants)
          .values({ slug: personalSlug(), name: identity.displayName || email || "Personal", personal: true })
          .returning({ id: tenants.id });
        if (!tenant) throw new Error("tenant insert returned no row");
        await tx
          .insert(memberships)
          .values({ tenantId: tenant.id, userId: user.id, role: "owner", acceptedAt: new Date() });
        return { userId: user.id, created: true };
      });
    },

    /**
     * A new organisation tenant owned by its creator. With `idempotency`, the new tenant is also
     * recorded (in the new tenant, same transaction) as the answer to the caller's key.
     */
    async createTenantWithOwner(
      input: { slug: string; name: string; ownerUserId: string },
      idempotency?: TenantCreationKey,
    ) {
      return db.transaction(async (tx) => {
        const [tenant] = await tx
          .insert(tenants)
          .values({ slug: input.slug, name: input.name })
          .returning({ id: tenants.id, slug: tenants.slug, name: tenants.name, personal: tenants.personal });
        if (!tenant) throw new Error("tenant insert returned no row");
        await tx
          .insert(memberships)
          .values({ tenantId: tenant.id, userId: input.ownerUserId, role: "owner", acceptedAt: new Date() });
        if (idempotency) await recordTenantCreation(tx, input.ownerUserId, idempotency, tenant);
        return tenant;
      });
    },

    /** A service client (client-credentials) granted a role in a tenant, as a user keyed by issuer + client id. */
    async grantServiceClient(input: { issuer: string; clientId: string; tenantSlug: string; role: Role }) {
      return db.transaction(async (tx) => {
        const [tenant] = await tx
          .select({ id: tenants.id })
          .from(tenants)
          .where(eq(tenants.slug, input.tenantSlug));
        if (!tenant) throw new Error(`no tenant with slug ${input.tenantSlug}`);
        const [user] = await tx
          .insert(users)
          .values({ issuer: input.issuer, subject: input.clientId, displayName: `service ${input.clientId}` })
          .onConflictDoUpdate({ target: [users.issuer, users.subject], set: { issuer: input.issuer } })
          .returning({ id: users.id });
        if (!user) throw new Error("user upsert returned no row");
        await grantRole(tx, tenant.id, user.id, input.role);
        return { tenantId: tenant.id, userId: user.id };
      });
    },
  };
}
