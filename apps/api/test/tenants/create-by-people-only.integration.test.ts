import { createJeexClient } from "@jeex/client";
import { createClientCredentialsTokens } from "@jeex/client/client-credentials";
import type { Database } from "@jeex/db/client";
import { databaseTargets, uniqueSlug } from "@jeex/db/testing/databases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_SERVICE_CLIENT } from "../../src/auth/dev-idp/provider.ts";
import { AUTH_TEST_ENV } from "../auth/support/sign-in.ts";
import { signedInPerson } from "../support/people.ts";
import { clientFor, expectTrpcError, provisionMember, startTestServer } from "../support/server.ts";

describe.each(databaseTargets())("tenants.create is for signed-in people only on $name", (target) => {
  let db: Database;
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    db = await target.open();
    server = await startTestServer(db, AUTH_TEST_ENV);
  });
  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it("a person makes a tenant they own; a taken slug is a CONFLICT", async () => {
    const person = await signedInPerson(db, server.url);
    const slug = uniqueSlug("org");
    const created = await person.client().tenants.create.mutate({ slug, name: "Org" });
    expect(created).toMatchObject({ slug, role: "owner", personal: false });
    await expectTrpcError(person.client().tenants.create.mutate({ slug, name: "Again" }), "CONFLICT");
    const tenants = await person.client().tenants.list.query();
    expect(tenants.map((t) => t.id).sort()).toEqual([person.personalTenantId, created.id].sort());
  });

  it.each(["viewer", "owner"] as const)("an API key (%s) cannot create a tenant", async (role) => {
    const member = await provisionMember(db, server.config, role);
    const slug = uniqueSlug("by-key");
    await expectTrpcError(
      clientFor(server.url, member).tenants.create.mutate({ slug, name: "No" }),
      "FORBIDDEN",
    );
    const memberships = await db.system.listMemberships(member.userId);
    expect(memberships.map((m) => m.tenantSlug)).not.toContain(slug);
  });

  it("a client-credentials token cannot create a tenant", async () => {
    const owner = await provisionMember(db, server.config, "owner", uniqueSlug("service-home"));
    const [home] = await db.system.listMemberships(owner.userId);
    if (!home) throw new Error("the owner has a tenant");
    await db.system.grantServiceClient({
      issuer: `${server.url}/oidc`,
      clientId: DEV_SERVICE_CLIENT.clientId,
      tenantSlug: home.tenantSlug,
      role: "owner",
    });
    const tokens = createClientCredentialsTokens({
      issuer: `${server.url}/oidc`,
      clientId: DEV_SERVICE_CLIENT.clientId,
      clientSecret: DEV_SERVICE_CLIENT.clientSecret,
      allowInsecureRequests: true,
    });
    const service = createJeexClient({
      url: server.url,
      headers: async () => ({ authorization: `Bearer ${await tokens.get()}` }),
    });
    expect((await service.auth.me.query()).credential).toBe("access-token");
    await expectTrpcError(
      service.tenants.create.mutate({ slug: uniqueSlug("by-service"), name: "No" }),
      "FORBIDDEN",
    );
  });
});
