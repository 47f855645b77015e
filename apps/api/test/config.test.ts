import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, environmentVariables, loadConfig } from "../src/config.ts";

const envExample = fileURLToPath(new URL("../../../.env.example", import.meta.url));

// Development mode supplies what these leave unset (see dev-mode.test.ts for the switch itself).
const dev = { JEEX_DEV_MODE: "true" };

describe("configuration", () => {
  it("defaults to the embedded database on port 5210 with migrations at start", () => {
    const config = loadConfig(dev);
    expect(config.port).toBe(5210);
    expect(config.dataDir).toBe(".data");
    expect(config.database.url).toBeUndefined();
    expect(config.database.migrateOnStart).toBe(true);
  });

  it("with DATABASE_URL, migrations run at start only when MIGRATE_ON_START=true", () => {
    const url = "postgres://jeex@db:5432/jeex";
    expect(loadConfig({ ...dev, DATABASE_URL: url }).database.migrateOnStart).toBe(false);
    expect(loadConfig({ ...dev, DATABASE_URL: url, MIGRATE_ON_START: "true" }).database.migrateOnStart).toBe(
      true,
    );
  });

  it("tenant traffic needs its own restricted login with DATABASE_URL, defaulted only in development mode", () => {
    const url = "postgres://jeex:secret@db:5432/jeex";
    const tenantUrl = "postgres://jeex_tenant:other@db:5432/jeex";
    expect(() => loadConfig({ JEEX_DEV_MODE: "false", DATABASE_URL: url })).toThrow(
      /DATABASE_TENANT_URL: is required with DATABASE_URL unless JEEX_DEV_MODE=true/,
    );
    expect(() => loadConfig({ ...dev, DATABASE_URL: url, DATABASE_TENANT_URL: url })).toThrow(
      /DATABASE_TENANT_URL: must name another login than DATABASE_URL/,
    );
    expect(() => loadConfig({ ...dev, DATABASE_TENANT_URL: tenantUrl })).toThrow(
      /DATABASE_TENANT_URL: needs DATABASE_URL/,
    );
    const given = loadConfig({ ...dev, DATABASE_URL: url, DATABASE_TENANT_URL: tenantUrl }).database;
    expect(given).toMatchObject({ url, tenantUrl, usingDevelopmentTenantLogin: false });
    const defaulted = loadConfig({ ...dev, DATABASE_URL: url }).database;
    expect(defaulted.usingDevelopmentTenantLogin).toBe(true);
    expect(new URL(defaulted.tenantUrl ?? "").username).toBe("jeex_tenant");
    expect(new URL(defaulted.tenantUrl ?? "").host).toBe("db:5432");
  });

  it("names every invalid variable in one clear error", () => {
    expect(() =>
      loadConfig({ PORT: "seventy", DATABASE_URL: "mysql://x", MIGRATE_ON_START: "maybe" }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: "seventy", DATABASE_URL: "mysql://x" });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    }
  });

  it("production refuses to start without a database and an API key hash secret", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(
      /API_KEY_HASH_SECRET: is required in production/,
    );
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/DATABASE_URL: is required in production/);
  });
});

describe(".env.example", () => {
  it("documents every variable the API reads (set, or commented out with its default)", () => {
    const documented = new Set(
      [...readFileSync(envExample, "utf8").matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]),
    );
    expect(environmentVariables.filter((name) => !documented.has(name))).toEqual([]);
  });
});
