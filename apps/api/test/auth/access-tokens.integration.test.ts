import { createJeexClient } from "@jeex/client";
import { type AccessTokens, createClientCredentialsTokens } from "@jeex/client/client-credentials";
import type { Database } from "@jeex/db/client";
import { databaseTargets, uniqueSlug } from "@jeex/db/testing";
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DEV_SERVICE_CLIENT } from "../../src/auth/dev-idp/provider.ts";
import { expectTrpcError, provisionMember, startTestServer, type TestMember } from "../support/server.ts";
import { AUTH_TEST_ENV } from "./support/sign-in.ts";

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const OTHER_AUDIENCE = "https://not-this-api.test";

/** Token requests made through a helper, counted at the provider's token endpoint. */
function countingFetch() {
  const calls = { token: 0 };
  const fetchAndCount: typeof fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).endsWith("/token")) calls.token++;
    return fetch(input, init);
  };
  return { calls, fetch: fetchAndCount };
}

const tokensFrom = (
  server: TestServer,
  extra: Partial<Parameters<typeof createClientCredentialsTokens>[0]> = {},
) =>
  createClientCredentialsTokens({
    issuer: `${server.url}/oidc`,
    clientId: DEV_SERVICE_CLIENT.clientId,
    clientSecret: DEV_SERVICE_CLIENT.clientSecret,
    allowInsecureRequests: true,
    ...extra,
  });

const serviceClient = (server: TestServer, tokens: AccessTokens) =>
  createJeexClient({
    url: server.url,
    headers: async () => ({ authorization: `Bearer ${await tokens.get()}` }),
  });

const withBearer = (server: TestServer, token: string) =>
  createJeexClient({ url: server.url, headers: { authorization: `Bearer ${token}` } });

describe.each(databaseTargets())("service calls with client-credentials tokens on $name", (target) => {
  let db: Database;
  /** Runs the development provider that issues the tokens, and trusts it (the default). */
  let api: TestServer;
  /** Trusts `api`'s provider as issuer but expects another audience; its own provider is not trusted. */
  let strictApi: TestServer;
  let tenant: TestMember & { slug: string };

  beforeAll(async () => {
    db = await target.open();
    api = await startTestServer(db, AUTH_TEST_ENV);
    strictApi = await startTestServer(db, {
      ...AUTH_TEST_ENV,
      ACCESS_TOKEN_ISSUERS: `${api.url}/oidc`,
      ACCESS_TOKEN_AUDIENCE: OTHER_AUDIENCE,
    });
    const slug = uniqueSlug("service-tenant");
    tenant = { ...(await provisionMember(db, api.config, "owner", slug)), slug };
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    await strictApi.stop();
    await api.stop();
    await db.close();
  });

  const grant = (server: TestServer, role: "editor" | "viewer" = "editor") =>
    db.system.grantServiceClient({
      issuer: `${server.url}/oidc`,
      clientId: DEV_SERVICE_CLIENT.clientId,
      tenantSlug: tenant.slug,
      role,
    });

  it("the provider issues a JWT access token for this API's audience", async () => {
    const token = await tokensFrom(api).get();
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "RS256", typ: "at+jwt" });
    expect(decodeJwt(token)).toMatchObject({
      iss: `${api.url}/oidc`,
      aud: api.url,
      client_id: DEV_SERVICE_CLIENT.clientId,
      sub: DEV_SERVICE_CLIENT.clientId,
    });
  });

  it("an ungranted client is UNAUTHORIZED; once granted, it acts in its tenant with its role", async () => {
    const jeex = serviceClient(api, tokensFrom(api));
    await expectTrpcError(jeex.projects.list.query({}), "UNAUTHORIZED");

    await grant(api, "editor");
    const created = await jeex.projects.create.mutate({ name: "made by a service" });
    expect(created.tenantId).toBe(tenant.tenantId);
    const me = await jeex.auth.me.query();
    expect(me.credential).toBe("access-token");
    expect(me.activeTenant).toEqual({ tenantId: tenant.tenantId, role: "editor" });
    // A bearer credential is no cookie: mutations need no CSRF header.
    await expectTrpcError(jeex.projects.delete.mutate({ projectId: created.id }), "FORBIDDEN");
  });

  it("the helper reuses a token, shares one request between concurrent callers, and refreshes before expiry", async () => {
    await grant(api);
    const counter = countingFetch();
    let now = Date.now();
    const tokens = tokensFrom(api, { fetch: counter.fetch, now: () => now, refreshBeforeExpiryMs: 60_000 });

    const [first, concurrent] = await Promise.all([tokens.get(), tokens.get()]);
    expect(concurrent).toBe(first);
    expect(await tokens.get()).toBe(first);
    expect(counter.calls.token).toBe(1);
    await serviceClient(api, tokens).projects.list.query({});

    // The provider's tokens live 5 minutes; within the last minute a new one is fetched.
    now += 4 * 60_000 + 1;
    const second = await tokens.get();
    expect(second).not.toBe(first);
    expect(counter.calls.token).toBe(2);

    tokens.invalidate();
    await tokens.get();
    expect(counter.calls.token).toBe(3);
  });

  it("a token for another audience is UNAUTHORIZED, though its issuer is trusted", async () => {
    await grant(api);
    const token = await tokensFrom(api).get();
    await withBearer(api, token).projects.list.query({});
    await expectTrpcError(withBearer(strictApi, token).projects.list.query({}), "UNAUTHORIZED");
  });

  it("a token from an issuer the API does not trust is UNAUTHORIZED, even for a granted client", async () => {
    await grant(strictApi);
    // strictApi's own provider issues for strictApi's audience, but strictApi trusts only api's provider.
    const token = await tokensFrom(strictApi).get();
    expect(decodeJwt(token).aud).toBe(OTHER_AUDIENCE);
    await expectTrpcError(withBearer(strictApi, token).projects.list.query({}), "UNAUTHORIZED");
  });

  it("a token signed by another key is UNAUTHORIZED, even with the right kid and claims", async () => {
    await grant(api);
    const genuine = await tokensFrom(api).get();
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({ ...decodeJwt(genuine) })
      .setProtectedHeader(decodeProtectedHeader(genuine) as { alg: string })
      .sign(privateKey);
    await expectTrpcError(withBearer(api, forged).projects.list.query({}), "UNAUTHORIZED");
  });

  it("an expired token is UNAUTHORIZED", async () => {
    await grant(api);
    const token = await tokensFrom(api).get();
    await withBearer(api, token).projects.list.query({});
    // Only Date moves: ten minutes later the five-minute token has expired.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 10 * 60_000 });
    await expectTrpcError(withBearer(api, token).projects.list.query({}), "UNAUTHORIZED");
  });

  it("a malformed bearer token is UNAUTHORIZED, never a 500", async () => {
    for (const token of ["a.b.c", "eyJhbGciOiJub25lIn0.e30.", "not-a-token"]) {
      await expectTrpcError(withBearer(api, token).projects.list.query({}), "UNAUTHORIZED");
    }
  });
});
