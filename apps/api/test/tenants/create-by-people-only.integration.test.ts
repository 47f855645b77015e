import { createJeexClient } from "@jeex/client";
import { createClientCredentialsTokens } from "@jeex/client/client-credentials";
import { databaseTargets, uniqueSlug } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { DEV_SERVICE_CLIENT } from "../../src/auth/dev-idp/provider.ts";
import { AUTH_TEST_ENV } from "../auth/support/sign-in.ts";
import { signedInPerson } from "../support/people.ts";
import { expectTrpcError, useTestServer } from "../support/server.ts";

describe.each(databaseTargets())("tenants.create is for signed-in people only on $name", (target) => {
  const suite = useTestServer(target, AUTH_TEST_ENV);

  it("a person makes a tenant they own; a taken slug is a CONFLICT", async () => {
    const person = await signedInPerson(suite.db, suite.url);
    const slug = uniqueSlug("org");
    const created = await person.client().tenants.create.mutate({ slug, name: "Org" });
    expect(created).toMatchObject({ slug, role: "owner", personal: false });
    await expectTrpcError(person.client().tenants.create.mutate({ slug, name: "Again" }), "CONFLICT");
    const tenants = await person.client().tenants.list.query();
    expect(tenants.map((t) => t.id).sort()).toEqual([person.personalTenantId, created.id].sort());
  });

  it.each(["viewer", "owner"] as const)("an API key (%s) cannot create a tenant", async (role) => {
    const member = await suite.member(role);
    const slug = uniqueSlug("by-key");
    await expectTrpcError(suite.client(member).tenants.create.mutate({ slug, name: "No" }), "FORBIDDEN");
    const memberships = await suite.db.system.listMemberships(member.userId);
    expect(memberships.map((m) => m.tenantSlug)).not.toContain(slug);
  });

  it("a client-credentials token cannot create a tenant", async () => {
    const owner = await suite.member("owner", uniqueSlug("service-home"));
    const [home] = await suite.db.system.listMemberships(owner.userId);
    if (!home) throw new Error("the owner has a tenant");
    await suite.db.system.grantServiceClient({
      issuer: `${suite.url}/oidc`,
      clientId: DEV_SERVICE_CLIENT.clientId,
      tenantSlug: home.tenantSlug,
      role: "owner",
    });
    const tokens = createClientCredentialsTokens({
      issuer: `${suite.url}/oidc`,
      clientId: DEV_SERVICE_CLIENT.clientId,
      clientSecret: DEV_SERVICE_CLIENT.clientSecret,
      allowInsecureRequests: true,
    });
    const service = createJeexClient({
      url: suite.url,
      headers: async () => ({ authorization: `Bearer ${await tokens.get()}` }),
    });
    expect((await service.auth.me.query()).credential).toBe("access-token");
    await expectTrpcError(
      service.tenants.create.mutate({ slug: uniqueSlug("by-service"), name: "No" }),
      "FORBIDDEN",
    );
  });
});
