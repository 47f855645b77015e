import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DevIdentityProviderRefusedError } from "../../src/auth/plugin.ts";
import { authConfigFrom, authEnvIssues, authEnvShape } from "../../src/config/auth.ts";
import { loadConfig } from "../../src/config.ts";
import { createServer } from "../../src/server.ts";
import { configErrorOf } from "../support/config-error.ts";

const PRODUCTION = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://jeex@127.0.0.1:1/never-connected",
  DATABASE_TENANT_URL: "postgres://jeex_tenant:t@127.0.0.1:1/never-connected",
  API_KEY_HASH_SECRET: "p".repeat(32),
  AUTH_COOKIE_SECRET: "c".repeat(32),
  PUBLIC_URL: "https://api.jeex.example",
  LOG_LEVEL: "silent",
};

const GOOGLE = {
  id: "google",
  name: "Google",
  issuer: "https://accounts.google.com",
  clientId: "jeex-web",
  clientSecret: "s3cret",
};

const DEV_MODE = { JEEX_DEV_MODE: "true" };

describe("sign-in configuration", () => {
  it("in development mode with no provider configured, the bundled development provider is used", () => {
    const { auth } = loadConfig(DEV_MODE);
    expect(auth.devIdentityProvider).toBe(true);
    expect(auth.providers).toEqual([]);
    expect(auth.sessionTtlMs).toBe(7 * 24 * 3600 * 1000);
    expect(auth.secureCookies).toBe(false);
    expect(auth.usingGeneratedCookieSecret).toBe(true);
  });

  it("OIDC_PROVIDERS is a JSON array of providers, with openid email profile scopes by default", () => {
    const { auth } = loadConfig({ ...DEV_MODE, OIDC_PROVIDERS: JSON.stringify([GOOGLE]) });
    expect(auth.devIdentityProvider).toBe(false);
    expect(auth.providers).toEqual([{ ...GOOGLE, scopes: ["openid", "email", "profile"] }]);
  });

  it("names what is wrong in OIDC_PROVIDERS", () => {
    expect(configErrorOf({ OIDC_PROVIDERS: "{not json" })).toMatch(/OIDC_PROVIDERS: must be a JSON array/);
    expect(configErrorOf({ OIDC_PROVIDERS: JSON.stringify([{ ...GOOGLE, issuer: "accounts" }]) })).toMatch(
      /OIDC_PROVIDERS\.0\.issuer/,
    );
    expect(configErrorOf({ OIDC_PROVIDERS: JSON.stringify([{ ...GOOGLE, scopes: ["email"] }]) })).toMatch(
      /OIDC_PROVIDERS\.0\.scopes: must include openid/,
    );
    expect(configErrorOf({ OIDC_PROVIDERS: JSON.stringify([GOOGLE, GOOGLE]) })).toMatch(/ids must be unique/);
    expect(configErrorOf({ OIDC_PROVIDERS: JSON.stringify([{ ...GOOGLE, extra: 1 }]) })).toMatch(
      /OIDC_PROVIDERS\.0/,
    );
  });

  it("return-to origins must be bare origins", () => {
    expect(
      loadConfig({ ...DEV_MODE, AUTH_RETURN_TO_ORIGINS: "http://localhost:5200, https://app.jeex.example" })
        .auth.returnToOrigins,
    ).toEqual(["http://localhost:5200", "https://app.jeex.example"]);
    expect(configErrorOf({ AUTH_RETURN_TO_ORIGINS: "https://app.jeex.example/path" })).toMatch(
      /AUTH_RETURN_TO_ORIGINS\.0: each must be an origin/,
    );
  });

  it("production needs a cookie secret, a public URL and https issuers", () => {
    const { AUTH_COOKIE_SECRET: _secret, PUBLIC_URL: _url, ...bare } = PRODUCTION;
    const message = configErrorOf({
      ...bare,
      OIDC_PROVIDERS: JSON.stringify([{ ...GOOGLE, issuer: "http://idp.internal" }]),
      ACCESS_TOKEN_ISSUERS: "http://idp.internal",
    });
    expect(message).toMatch(/AUTH_COOKIE_SECRET: is required in production/);
    expect(message).toMatch(/PUBLIC_URL: is required in production/);
    expect(message).toMatch(/OIDC_PROVIDERS\.0\.issuer: must be https in production/);
    expect(message).toMatch(/ACCESS_TOKEN_ISSUERS\.0: must be https in production/);
  });

  it("production with a real provider configured gets Secure cookies, and no configuration issue", () => {
    // The auth part alone: other parts of the configuration have production requirements of their own.
    const env = {
      ...z
        .object(authEnvShape)
        .parse({ OIDC_PROVIDERS: JSON.stringify([GOOGLE]), AUTH_COOKIE_SECRET: "c".repeat(32) }),
      NODE_ENV: "production" as const,
      PUBLIC_URL: "https://jeex.example/api",
    };
    expect(authEnvIssues(env)).toEqual([]);
    const auth = authConfigFrom(env);
    expect(auth.secureCookies).toBe(true);
    expect(auth.devIdentityProvider).toBe(false);
    expect(auth.publicPathPrefix).toBe("/api");
  });
});

describe("the bundled development identity provider", () => {
  it("refuses to run in production: createServer fails with a clear error", () => {
    const config = {
      ...loadConfig({ ...DEV_MODE, DATABASE_URL: PRODUCTION.DATABASE_URL, LOG_LEVEL: "silent" }),
      env: "production" as const,
    };
    expect(() => createServer(config)).toThrow(DevIdentityProviderRefusedError);
    expect(() => createServer(config)).toThrow(
      /refuses to run with NODE_ENV=production: configure OIDC_PROVIDERS/,
    );
  });
});
