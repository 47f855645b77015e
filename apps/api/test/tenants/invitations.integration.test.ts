import { createAuditRepository } from "@jeex/db/repositories";
import { invitations, memberships } from "@jeex/db/schema";
import { databaseTargets, uniqueSlug } from "@jeex/db/testing";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { recordSignInEvent } from "../../src/auth/sign-in-audit.ts";
import { signedInPerson } from "../support/people.ts";
import { expectTrpcError, type TestMember, useTestServer } from "../support/server.ts";

describe.each(databaseTargets())("tenant invitations on $name", (target) => {
  const suite = useTestServer(target);

  /** An owner and an admin (API keys) of one fresh tenant. */
  async function team() {
    const [owner, admin] = await suite.team("owner", "admin");
    return {
      owner,
      admin,
      tenantId: owner.tenantId,
      as: (member: TestMember) => suite.client(member),
    };
  }

  const tenantIdsOf = async (userId: string) =>
    (await suite.db.system.listMemberships(userId)).map((m) => m.tenantId).sort();

  it("an admin invites an email; the person signed in with it sees, accepts and is then a member", async () => {
    const { owner, admin, tenantId, as } = await team();
    const person = await signedInPerson(suite.db, suite.url);
    const invitation = await as(admin).tenants.invitations.create.mutate({
      email: person.email.toUpperCase(),
      role: "editor",
    });
    expect(invitation).toMatchObject({ email: person.email, role: "editor", invitedBy: admin.userId });
    // Invited is not joined: nothing changes for the person until they answer.
    expect(await tenantIdsOf(person.userId)).toEqual([person.personalTenantId]);
    expect((await as(admin).tenants.invitations.list.query({})).items.map((i) => i.id)).toEqual([
      invitation.id,
    ]);

    const mine = await person.client().tenants.invitations.mine.query();
    expect(mine).toEqual([
      expect.objectContaining({
        id: invitation.id,
        role: "editor",
        tenant: expect.objectContaining({ id: tenantId }),
      }),
    ]);
    const joined = await person.client().tenants.invitations.accept.mutate({ invitationId: invitation.id });
    expect(joined).toMatchObject({ id: tenantId, role: "editor", personal: false });

    expect(await tenantIdsOf(person.userId)).toEqual([person.personalTenantId, tenantId].sort());
    const members = await as(owner).tenants.members.list.query({ limit: 100 });
    expect(members.items.find((m) => m.userId === person.userId)).toMatchObject({ role: "editor" });
    expect((await person.client({ tenantId }).projects.list.query({})).items).toEqual([]);
    // Answered: gone from both lists, and it cannot be used twice.
    expect(await person.client().tenants.invitations.mine.query()).toEqual([]);
    expect((await as(admin).tenants.invitations.list.query({})).items).toEqual([]);
    await expectTrpcError(
      person.client().tenants.invitations.accept.mutate({ invitationId: invitation.id }),
      "NOT_FOUND",
    );
    const log = await as(admin).audit.list.query({ limit: 10 });
    expect(log.items.map((e) => e.action).slice(0, 2)).toEqual(["invitation.accept", "invitation.create"]);
    expect(log.items[0]).toMatchObject({
      actorUserId: person.userId,
      actorKind: "session",
      targetId: invitation.id,
    });
  });

  it("inviting an unknown email answers exactly as inviting a registered one does", async () => {
    const { admin, as } = await team();
    const person = await signedInPerson(suite.db, suite.url);
    const known = await as(admin).tenants.invitations.create.mutate({ email: person.email, role: "viewer" });
    const unknown = await as(admin).tenants.invitations.create.mutate({
      email: `${uniqueSlug("nobody")}@example.test`,
      role: "viewer",
    });
    const shape = ({ id, email, createdAt, expiresAt, ...rest }: typeof known) => ({
      ...rest,
      fields: Object.keys({ id, email, createdAt, expiresAt, ...rest }).sort(),
      validity: Date.parse(expiresAt) - Date.parse(createdAt),
    });
    expect(shape(unknown)).toEqual(shape(known));
    expect(shape(known).validity).toBe(suite.config.auth.invitationTtlMs);
  });

  it("inviting again renews the open invitation instead of adding a second", async () => {
    const { admin, as } = await team();
    const person = await signedInPerson(suite.db, suite.url);
    const first = await as(admin).tenants.invitations.create.mutate({ email: person.email, role: "viewer" });
    const again = await as(admin).tenants.invitations.create.mutate({ email: person.email, role: "editor" });
    expect(again.id).toBe(first.id);
    expect(await person.client().tenants.invitations.mine.query()).toEqual([
      expect.objectContaining({ id: first.id, role: "editor" }),
    ]);
  });

  it("a declined invitation joins nobody and is gone", async () => {
    const { admin, as } = await team();
    const person = await signedInPerson(suite.db, suite.url);
    const invitation = await as(admin).tenants.invitations.create.mutate({
      email: person.email,
      role: "editor",
    });
    expect(await person.client().tenants.invitations.decline.mutate({ invitationId: invitation.id })).toEqual(
      {
        invitationId: invitation.id,
        declined: true,
      },
    );
    expect(await tenantIdsOf(person.userId)).toEqual([person.personalTenantId]);
    expect(await person.client().tenants.invitations.mine.query()).toEqual([]);
    await expectTrpcError(
      person.client().tenants.invitations.accept.mutate({ invitationId: invitation.id }),
      "NOT_FOUND",
    );
  });

  it("a revoked or expired invitation cannot be accepted", async () => {
    const { owner, admin, as } = await team();
    const person = await signedInPerson(suite.db, suite.url);
    const revoked = await as(admin).tenants.invitations.create.mutate({
      email: person.email,
      role: "viewer",
    });
    await as(admin).tenants.invitations.revoke.mutate({ invitationId: revoked.id });
    await expectTrpcError(
      as(admin).tenants.invitations.revoke.mutate({ invitationId: revoked.id }),
      "NOT_FOUND",
    );
    await expectTrpcError(
      person.client().tenants.invitations.accept.mutate({ invitationId: revoked.id }),
      "NOT_FOUND",
    );

    const expiring = await as(admin).tenants.invitations.create.mutate({
      email: person.email,
      role: "viewer",
    });
    await suite.db.withTenant({ tenantId: owner.tenantId, userId: owner.userId }, (tx) =>
      tx.db
        .update(invitations)
        .set({ expiresAt: sql`now() - interval '1 second'` })
        .where(eq(invitations.id, expiring.id)),
    );
    expect(await person.client().tenants.invitations.mine.query()).toEqual([]);
    expect((await as(admin).tenants.invitations.list.query({})).items).toEqual([]);
    await expectTrpcError(
      person.client().tenants.invitations.accept.mutate({ invitationId: expiring.id }),
      "NOT_FOUND",
    );
    expect(await tenantIdsOf(person.userId)).toEqual([person.personalTenantId]);
  });

  it("only owners offer or withdraw the owner role", async () => {
    const { owner, admin, tenantId, as } = await team();
    const person = await signedInPerson(suite.db, suite.url);
    await expectTrpcError(
      as(admin).tenants.invitations.create.mutate({ email: person.email, role: "owner" }),
      "FORBIDDEN",
    );
    const offer = await as(owner).tenants.invitations.create.mutate({ email: person.email, role: "owner" });
    await expectTrpcError(
      as(admin).tenants.invitations.revoke.mutate({ invitationId: offer.id }),
      "FORBIDDEN",
    );
    // Nor can an admin water the offer down by inviting the same email again.
    await expectTrpcError(
      as(admin).tenants.invitations.create.mutate({ email: person.email, role: "viewer" }),
      "FORBIDDEN",
    );
    const joined = await person.client().tenants.invitations.accept.mutate({ invitationId: offer.id });
    expect(joined).toMatchObject({ id: tenantId, role: "owner" });
  });

  it("a member cannot be invited again; only the addressed person, with a session, answers", async () => {
    const { owner, admin, as } = await team();
    await expectTrpcError(
      as(admin).tenants.invitations.create.mutate({ email: owner.email, role: "viewer" }),
      "CONFLICT",
    );
    const person = await signedInPerson(suite.db, suite.url);
    const stranger = await signedInPerson(suite.db, suite.url);
    const invitation = await as(admin).tenants.invitations.create.mutate({
      email: person.email,
      role: "viewer",
    });
    expect(await stranger.client().tenants.invitations.mine.query()).toEqual([]);
    await expectTrpcError(
      stranger.client().tenants.invitations.accept.mutate({ invitationId: invitation.id }),
      "NOT_FOUND",
    );
    await expectTrpcError(
      stranger.client().tenants.invitations.decline.mutate({ invitationId: invitation.id }),
      "NOT_FOUND",
    );
    // An API key acts inside its own tenant: it answers no invitations, even its user's.
    const keyed = await suite.member("owner");
    const toKeyUser = await as(admin).tenants.invitations.create.mutate({
      email: keyed.email,
      role: "viewer",
    });
    const viaKey = suite.client(keyed);
    await expectTrpcError(viaKey.tenants.invitations.mine.query(), "FORBIDDEN");
    await expectTrpcError(
      viaKey.tenants.invitations.accept.mutate({ invitationId: toKeyUser.id }),
      "FORBIDDEN",
    );
    await expectTrpcError(
      viaKey.tenants.invitations.decline.mutate({ invitationId: toKeyUser.id }),
      "FORBIDDEN",
    );
  });

  it("tenant B neither lists, revokes nor sees tenant A's invitations", async () => {
    const a = await team();
    const b = await team();
    const person = await signedInPerson(suite.db, suite.url);
    const ofA = await a
      .as(a.admin)
      .tenants.invitations.create.mutate({ email: person.email, role: "viewer" });
    expect((await b.as(b.owner).tenants.invitations.list.query({ limit: 100 })).items).toEqual([]);
    await expectTrpcError(
      b.as(b.owner).tenants.invitations.revoke.mutate({ invitationId: ofA.id }),
      "NOT_FOUND",
    );
    // B inviting the same email is B's own invitation; accepting A's joins A only.
    const ofB = await b
      .as(b.admin)
      .tenants.invitations.create.mutate({ email: person.email, role: "editor" });
    expect(ofB.id).not.toBe(ofA.id);
    await person.client().tenants.invitations.accept.mutate({ invitationId: ofA.id });
    expect(await tenantIdsOf(person.userId)).toEqual([person.personalTenantId, a.tenantId].sort());
    expect((await b.as(b.admin).tenants.invitations.list.query({})).items.map((i) => i.id)).toEqual([ofB.id]);
    const bLog = await b.as(b.owner).audit.list.query({ limit: 100 });
    expect(bLog.items.map((e) => e.targetId)).not.toContain(ofA.id);
  });

  it("a person's sign-ins are audited only in tenants they joined of their own accord", async () => {
    const { admin, tenantId: invitingTenant, as } = await team();
    const listing = await team();
    const person = await signedInPerson(suite.db, suite.url);
    // A membership made for them (as the removed members.add did): no consent, so no sign-in rows.
    await suite.db.withTenant({ tenantId: listing.tenantId, userId: listing.owner.userId }, (tx) =>
      tx.db.insert(memberships).values({ tenantId: listing.tenantId, userId: person.userId, role: "viewer" }),
    );
    const invitation = await as(admin).tenants.invitations.create.mutate({
      email: person.email,
      role: "viewer",
    });
    await person.client().tenants.invitations.accept.mutate({ invitationId: invitation.id });

    await recordSignInEvent(suite.db, {
      userId: person.userId,
      action: "auth.sign_in",
      requestId: "req-sign-in",
      ip: "127.0.0.1",
      details: {},
    });
    const signIns = (tenantId: string) =>
      suite.db.withTenant({ tenantId, userId: person.userId }, async (tx) =>
        (await createAuditRepository(tx).list({ limit: 100, action: "auth.sign_in" })).filter(
          (row) => row.targetId === person.userId,
        ),
      );
    expect(await signIns(person.personalTenantId)).toHaveLength(1);
    expect(await signIns(invitingTenant)).toHaveLength(1);
    expect(await signIns(listing.tenantId)).toHaveLength(0);
  });
});
