import { createJeexClient } from "@jeex/client";
import { databaseTargets } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { useServersOnOneDatabase } from "../support/server.ts";
import { AUTH_TEST_ENV } from "./support/sign-in.ts";

// Configured providers replace the bundled one. No database state is involved, so one target suffices.
describe.each(databaseTargets().slice(0, 1))("providers from OIDC_PROVIDERS on $name", (target) => {
  const { servers } = useServersOnOneDatabase(target, {
    // Another server's bundled provider stands in for a corporate one.
    identityProvider: AUTH_TEST_ENV,
    api: ({ identityProvider }) => ({
      ...AUTH_TEST_ENV,
      OIDC_PROVIDERS: JSON.stringify([
        {
          id: "corp",
          name: "Corp SSO",
          issuer: `${identityProvider.url}/oidc`,
          clientId: "jeex-web",
          clientSecret: "x",
        },
        { id: "down", name: "Unreachable", issuer: "http://127.0.0.1:9/oidc", clientId: "jeex" },
      ]),
    }),
  });

  it("auth.providers lists them for the sign-in page, and no bundled provider is mounted", async () => {
    expect(await createJeexClient({ url: servers.api.url }).auth.providers.query()).toEqual([
      { id: "corp", name: "Corp SSO" },
      { id: "down", name: "Unreachable" },
    ]);
    const discovery = await fetch(`${servers.api.url}/oidc/.well-known/openid-configuration`);
    expect(discovery.status).toBe(404);
  });

  it("with several providers, /auth/login must name one", async () => {
    const response = await fetch(`${servers.api.url}/auth/login`, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: "UNKNOWN_PROVIDER",
      error: "choose a provider: one of corp, down",
    });
  });

  it("sends the browser to the chosen provider with PKCE S256, state, nonce and our redirect URI", async () => {
    const response = await fetch(`${servers.api.url}/auth/login?provider=corp`, { redirect: "manual" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(`${servers.identityProvider.url}/oidc/auth`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: "jeex-web",
      response_type: "code",
      redirect_uri: `${servers.api.url}/auth/callback`,
      scope: "openid email profile",
      code_challenge_method: "S256",
    });
    for (const param of ["state", "nonce", "code_challenge"]) {
      expect(location.searchParams.get(param)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it("a provider that cannot be reached is a clear 502, not a 500", async () => {
    const response = await fetch(`${servers.api.url}/auth/login?provider=down`, { redirect: "manual" });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: "IDENTITY_PROVIDER_UNAVAILABLE" });
  });
});
