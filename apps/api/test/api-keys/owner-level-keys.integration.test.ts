import { databaseTargets } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { expectTrpcError, useTestServer } from "../support/server.ts";

describe.each(databaseTargets())("only owners touch owner-role API keys on $name", (target) => {
  const suite = useTestServer(target);

  async function tenantWithOwnerKey() {
    const [owner, admin] = await suite.team("owner", "admin");
    const ownerKey = await suite.client(owner).apiKeys.create.mutate({
      name: "release",
      role: "owner",
    });
    return { asOwner: suite.client(owner), asAdmin: suite.client(admin), ownerKey };
  }

  it("an admin cannot revoke an owner-role key, which keeps working", async () => {
    const { asAdmin, ownerKey } = await tenantWithOwnerKey();
    await expectTrpcError(asAdmin.apiKeys.revoke.mutate({ apiKeyId: ownerKey.apiKey.id }), "FORBIDDEN");
    const me = await suite.client({ apiKey: ownerKey.secret }).auth.me.query();
    expect(me.activeTenant?.role).toBe("owner");
  });

  it("an admin neither lists nor creates owner-role keys; an owner does both and revokes", async () => {
    const { asOwner, asAdmin, ownerKey } = await tenantWithOwnerKey();
    const adminKey = await asAdmin.apiKeys.create.mutate({ name: "ci", role: "admin" });
    await expectTrpcError(asAdmin.apiKeys.create.mutate({ name: "too strong", role: "owner" }), "FORBIDDEN");

    const seenByAdmin = (await asAdmin.apiKeys.list.query({ includeRevoked: true })).items.map((k) => k.id);
    expect(seenByAdmin).toContain(adminKey.apiKey.id);
    expect(seenByAdmin).not.toContain(ownerKey.apiKey.id);
    const seenByOwner = (await asOwner.apiKeys.list.query({})).items.map((k) => k.id);
    expect(seenByOwner).toEqual(expect.arrayContaining([adminKey.apiKey.id, ownerKey.apiKey.id]));

    const revoked = await asOwner.apiKeys.revoke.mutate({ apiKeyId: ownerKey.apiKey.id });
    expect(revoked.revokedAt).not.toBeNull();
    await expectTrpcError(suite.client({ apiKey: ownerKey.secret }).auth.me.query(), "UNAUTHORIZED");
  });

  it("an admin still revokes keys up to the admin role, the owners' included", async () => {
    const { asOwner, asAdmin } = await tenantWithOwnerKey();
    const ownersAdminKey = await asOwner.apiKeys.create.mutate({ name: "deploy", role: "admin" });
    const revoked = await asAdmin.apiKeys.revoke.mutate({ apiKeyId: ownersAdminKey.apiKey.id });
    expect(revoked.revokedAt).not.toBeNull();
  });
});
