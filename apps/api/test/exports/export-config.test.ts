import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";

const productionBase = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://jeex@db:5432/jeex",
  DATABASE_TENANT_URL: "postgres://jeex_tenant:t@db:5432/jeex",
  API_KEY_HASH_SECRET: "x".repeat(32),
  AUTH_COOKIE_SECRET: "y".repeat(32),
  OIDC_PROVIDERS: '[{"id":"corp","name":"Corp","issuer":"https://id.example.com","clientId":"jeex"}]',
  PUBLIC_URL: "https://api.example.com",
};

describe("export configuration", () => {
  it("keeps archives 24 hours and links 15 minutes, signed with a development secret it flags", () => {
    const { exports } = loadConfig({ JEEX_DEV_MODE: "true" });
    expect(exports).toMatchObject({
      ttlMs: 24 * 3600_000,
      linkTtlMs: 15 * 60_000,
      sweepIntervalMs: 5 * 60_000,
      usingDevelopmentSecret: true,
    });
    expect(exports.signingSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("takes lifetimes and the signing secret from the environment", () => {
    const secret = "s".repeat(40);
    const { exports } = loadConfig({
      JEEX_DEV_MODE: "true",
      EXPORT_SIGNING_SECRET: secret,
      EXPORT_TTL_SECONDS: "3600",
      EXPORT_LINK_TTL_SECONDS: "60",
      EXPORT_SWEEP_INTERVAL_SECONDS: "30",
    });
    expect(exports).toEqual({
      signingSecret: secret,
      usingDevelopmentSecret: false,
      ttlMs: 3600_000,
      linkTtlMs: 60_000,
      sweepIntervalMs: 30_000,
    });
  });

  it("refuses a short secret, and production without one", () => {
    expect(() => loadConfig({ EXPORT_SIGNING_SECRET: "too-short" })).toThrow(
      /EXPORT_SIGNING_SECRET: must be at least 32 characters/,
    );
    expect(() => loadConfig({ EXPORT_TTL_SECONDS: "0" })).toThrow(/EXPORT_TTL_SECONDS/);
    expect(() => loadConfig(productionBase)).toThrow(/EXPORT_SIGNING_SECRET: is required in production/);
    expect(
      loadConfig({ ...productionBase, EXPORT_SIGNING_SECRET: "z".repeat(32) }).exports.usingDevelopmentSecret,
    ).toBe(false);
  });
});
