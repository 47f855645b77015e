import { databaseTargets, uniqueSlug } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { signedInPerson } from "./support/people.ts";
import { expectEachTrpcError, expectTrpcError, type TestMember, useTestServer } from "./support/server.ts";

describe.each(databaseTargets())("tenants, members, API keys and the audit log on $name", (target) => {
  const suite = useTestServer(target);

  /** An owner and an admin in one fresh tenant, and an outsider who has signed up elsewhere. */
  async function team() {
    const [owner, admin] = await suite.team("owner", "admin");
    const outsider = await suite.member("owner");
    return { owner, admin, outsider, as: (member: TestMember) => suite.client(member) };
  }

  it("an outsider's key does not reach the tenant, and a removed member loses access at once", async () => {
    const { owner, admin, outsider, as } = await team();
    const listed = await as(owner).tenants.members.list.query({ limit: 100 });
    expect(listed.items.map((m) => m.userId).sort()).toEqual([owner.userId, admin.userId].sort());

    // The outsider's key of their own tenant does not reach this tenant.
    await expectTrpcError(
      suite.client(outsider, { tenantId: owner.tenantId }).projects.list.query({}),
      "FORBIDDEN",
    );

    // A key issued inside the tenant acts as its creator; removing the creator kills it on the next request.
    const adminKey = await as(admin).apiKeys.create.mutate({ name: "ci", role: "editor" });
    const viaKey = suite.client({ apiKey: adminKey.secret });
    expect((await viaKey.projects.list.query({})).items).toEqual([]);
    await as(owner).tenants.members.remove.mutate({ userId: admin.userId });
    await expectTrpcError(viaKey.projects.list.query({}), "UNAUTHORIZED");
    await expectTrpcError(as(admin).projects.list.query({}), "UNAUTHORIZED");
  });

  it("the last owner can be neither demoted nor removed, and only owners touch ownership", async () => {
    const { owner, admin, as } = await team();
    await expectEachTrpcError("PRECONDITION_FAILED", {
      "the last owner stepping down": () =>
        as(owner).tenants.members.setRole.mutate({ userId: owner.userId, role: "admin" }),
      "the last owner leaving": () => as(owner).tenants.members.remove.mutate({ userId: owner.userId }),
    });
    await expectEachTrpcError("FORBIDDEN", {
      "an admin making themself owner": () =>
        as(admin).tenants.members.setRole.mutate({ userId: admin.userId, role: "owner" }),
      "an admin removing the owner": () => as(admin).tenants.members.remove.mutate({ userId: owner.userId }),
    });

    await as(owner).tenants.members.setRole.mutate({ userId: admin.userId, role: "owner" });
    // Two owners now: one may step down; having done so, they no longer touch ownership.
    await as(owner).tenants.members.setRole.mutate({ userId: owner.userId, role: "admin" });
    await expectTrpcError(
      as(owner).tenants.members.setRole.mutate({ userId: admin.userId, role: "editor" }),
      "FORBIDDEN",
    );
    const members = await as(owner).tenants.members.list.query({});
    expect(members.items.filter((m) => m.role === "owner").map((m) => m.userId)).toEqual([admin.userId]);
  });

  it("two owners demoting each other at once leave exactly one owner", async () => {
    const { owner, admin, as } = await team();
    await as(owner).tenants.members.setRole.mutate({ userId: admin.userId, role: "owner" });
    const outcomes = await Promise.allSettled([
      as(owner).tenants.members.setRole.mutate({ userId: admin.userId, role: "editor" }),
      as(admin).tenants.members.setRole.mutate({ userId: owner.userId, role: "editor" }),
    ]);
    const members = await suite
      .client(owner)
      .tenants.members.list.query({})
      .catch(() => undefined);
    const viaOther = members ?? (await as(admin).tenants.members.list.query({}));
    expect(viaOther.items.filter((m) => m.role === "owner")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
  });

  it("API keys: the secret is shown once, never more than the creator's role, revoked keys stop working", async () => {
    const [owner, admin] = await suite.team("owner", "admin");
    const asAdmin = suite.client(admin);
    await expectTrpcError(asAdmin.apiKeys.create.mutate({ name: "too strong", role: "owner" }), "FORBIDDEN");
    const created = await asAdmin.apiKeys.create.mutate({ name: "deploy bot", role: "viewer" });
    expect(created.secret).toMatch(/^jeex_/);
    expect(created.secret).toContain(created.apiKey.prefix);

    const listed = await suite.client(owner).apiKeys.list.query({});
    expect(JSON.stringify(listed)).not.toContain(String(created.secret).slice(-20));
    expect(listed.items.map((k) => k.id)).toContain(created.apiKey.id);

    const bot = suite.client({ apiKey: created.secret });
    expect((await bot.projects.list.query({})).items).toEqual([]);
    await expectTrpcError(bot.projects.create.mutate({ name: "viewers cannot" }), "FORBIDDEN");
    const revoked = await asAdmin.apiKeys.revoke.mutate({ apiKeyId: created.apiKey.id });
    expect(revoked.revokedAt).not.toBeNull();
    await expectTrpcError(bot.projects.list.query({}), "UNAUTHORIZED");
    await expectTrpcError(asAdmin.apiKeys.revoke.mutate({ apiKeyId: created.apiKey.id }), "NOT_FOUND");
    expect((await asAdmin.apiKeys.list.query({})).items.map((k) => k.id)).not.toContain(created.apiKey.id);
    expect((await asAdmin.apiKeys.list.query({ includeRevoked: true })).items.map((k) => k.id)).toContain(
      created.apiKey.id,
    );
  });

  it("membership and key changes are in the tenant's audit log, readable by admins only", async () => {
    const { owner, admin, as } = await team();
    const person = await signedInPerson(suite.db, suite.url);
    const invitation = await as(admin).tenants.invitations.create.mutate({
      email: person.email,
      role: "viewer",
    });
    await person.client().tenants.invitations.accept.mutate({ invitationId: invitation.id });
    const outsider = { userId: person.userId };
    await as(owner).tenants.members.setRole.mutate({ userId: outsider.userId, role: "editor" });
    const key = await as(admin).apiKeys.create.mutate({ name: "audited", role: "viewer" });
    await as(admin).apiKeys.revoke.mutate({ apiKeyId: key.apiKey.id });
    await as(owner).tenants.members.remove.mutate({ userId: outsider.userId });

    const log = await as(admin).audit.list.query({ limit: 50 });
    expect(log.items.map((entry) => entry.action)).toEqual([
      "member.remove",
      "api_key.revoke",
      "api_key.create",
      "member.set_role",
      "invitation.accept",
      "invitation.create",
    ]);
    expect(log.items.find((e) => e.action === "member.set_role")).toMatchObject({
      actorUserId: owner.userId,
      actorKind: "api-key",
      targetId: outsider.userId,
      details: { from: "viewer", to: "editor" },
    });
    const viewer = await suite.member("viewer", undefined);
    await expectTrpcError(suite.client(viewer).audit.list.query({}), "FORBIDDEN");
  });

  it("tenant B reads and changes nothing of tenant A through members, keys or audit", async () => {
    const a = await team();
    const b = await team();
    const keyOfA = await a.as(a.admin).apiKeys.create.mutate({ name: "A's key", role: "viewer" });
    const asB = b.as(b.owner);
    expect((await asB.tenants.members.list.query({ limit: 100 })).items.map((m) => m.userId)).not.toContain(
      a.owner.userId,
    );
    expect((await asB.apiKeys.list.query({ includeRevoked: true })).items.map((k) => k.id)).not.toContain(
      keyOfA.apiKey.id,
    );
    expect((await asB.audit.list.query({ limit: 100 })).items.map((e) => e.targetId)).not.toContain(
      keyOfA.apiKey.id,
    );
    await expectTrpcError(asB.apiKeys.revoke.mutate({ apiKeyId: keyOfA.apiKey.id }), "NOT_FOUND");
    await expectTrpcError(
      asB.tenants.members.setRole.mutate({ userId: a.admin.userId, role: "viewer" }),
      "NOT_FOUND",
    );
    await expectTrpcError(asB.tenants.members.remove.mutate({ userId: a.admin.userId }), "NOT_FOUND");
    expect((await suite.client({ apiKey: keyOfA.secret }).projects.list.query({})).items).toEqual([]);
  });

  it("a key lists only its own tenant, whatever else its user belongs to", async () => {
    const member = await suite.member("editor");
    const other = await suite.db.system.createTenantWithOwner({
      slug: uniqueSlug("org"),
      name: "Org",
      ownerUserId: member.userId,
    });
    const tenants = await suite.client(member).tenants.list.query();
    expect(tenants.map((t) => t.id)).toEqual([member.tenantId]);
    const memberships = await suite.db.system.listMemberships(member.userId);
    expect(memberships.map((m) => m.tenantId).sort()).toEqual([member.tenantId, other.id].sort());
  });

  it("auth.me describes the key's principal and active tenant", async () => {
    const member = await suite.member("editor");
    const me = await suite.client(member).auth.me.query();
    expect(me).toMatchObject({
      user: { id: member.userId, email: member.email },
      credential: "api-key",
      activeTenant: { tenantId: member.tenantId, role: "editor" },
    });
    expect(me.memberships.map((m) => m.tenantId)).toEqual([member.tenantId]);
  });
});
