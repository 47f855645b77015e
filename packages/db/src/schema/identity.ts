import { roles } from "@jeex/contracts/common";
import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { v7 as uuidv7 } from "uuid";
import { createdAt, timestampMs } from "./columns.ts";
import { appRole, currentTenantId, currentUserId, tenantIsolation } from "./rls.ts";

export const memberRole = pgEnum("member_role", roles);

export const tenants = pgTable(
  "tenants",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    /** Created for one user at first sign-in; everything else is an organisation. */
    personal: boolean().notNull().default(false),
    /** Monthly model-token budget; null uses the server default. */
    monthlyTokenBudget: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("tenants_slug_key").on(t.slug),
    pgPolicy("tenants_current_tenant", {
      as: "permissive",
      for: "select",
      to: appRole,
      using: sql`${t.id} = ${currentTenantId}`,
    }),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Lower-cased; unique when known. OpenID users keep it only when verified and not taken. */
    email: text(),
    displayName: text().notNull().default(""),
    /** OpenID issuer and subject (a person, or a service client); null for admin-CLI users. */
    issuer: text(),
    subject: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    uniqueIndex("users_issuer_subject_key").on(t.issuer, t.subject),
    // A user is visible to themselves and to members of a tenant they belong to.
    pgPolicy("users_self_or_fellow_member", {
      as: "permissive",
      for: "select",
      to: appRole,
      using: sql`${t.id} = ${currentUserId} or exists (select 1 from memberships m where m.user_id = ${t.id} and m.tenant_id = ${currentTenantId})`,
    }),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: memberRole().notNull(),
    createdAt: createdAt(),
    /**
     * When the user themselves joined: made the tenant, or accepted an invitation. Null when the
     * membership was made for them (admin CLI, service grants, the removed `members.add`); their
     * sign-ins are audited only in tenants they joined.
     */
    acceptedAt: timestampMs(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
    tenantIsolation("memberships", t.tenantId),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    // Time-ordered so lists page newest first by id.
    id: uuid()
      .primaryKey()
      .defaultRandom()
      .$defaultFn(() => uuidv7()),
    tenantId: uuid().notNull(),
    userId: uuid().notNull(),
    name: text().notNull(),
    role: memberRole().notNull(),
    /** Public, random lookup id embedded in the key; the secret part is only stored as a keyed hash. */
    prefix: text().notNull(),
    secretHash: text().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestampMs(),
    revokedAt: timestampMs(),
  },
  (t) => [
    uniqueIndex("api_keys_prefix_key").on(t.prefix),
    index("api_keys_tenant_idx").on(t.tenantId, t.createdAt),
    // Removing a member removes the keys that act as them.
    foreignKey({
      name: "api_keys_membership_fk",
      columns: [t.tenantId, t.userId],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }).onDelete("cascade"),
    tenantIsolation("api_keys", t.tenantId),
  ],
);
