import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configDir, saveLogin } from "../src/config-file.ts";
import { resolveConnection } from "../src/connection.ts";

describe("where the login lives and which credentials a command uses", () => {
  it("JEEX_CONFIG_DIR wins over XDG_CONFIG_HOME, which wins over ~/.config", () => {
    expect(configDir({ JEEX_CONFIG_DIR: "/a", XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe("/a");
    expect(configDir({ XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe("/x/jeex");
    expect(configDir({ HOME: "/h" })).toBe("/h/.config/jeex");
  });

  it("flags win over JEEX_* variables, which win over the saved login", async () => {
    const env = { JEEX_CONFIG_DIR: join(mkdtempSync(join(tmpdir(), "jeex-conn-")), "jeex") };
    await saveLogin(env, { url: "http://saved.test", apiKey: "saved-key", tenantId: "saved-tenant" });

    expect(await resolveConnection({}, env)).toEqual({
      url: "http://saved.test",
      apiKey: "saved-key",
      tenantId: "saved-tenant",
    });
    expect(await resolveConnection({}, { ...env, JEEX_API_KEY: "env-key" })).toMatchObject({
      apiKey: "env-key",
    });
    expect(
      await resolveConnection({ "api-key": "flag-key" }, { ...env, JEEX_API_KEY: "env-key" }),
    ).toMatchObject({ apiKey: "flag-key" });
  });

  it("never sends the saved key to a different server", async () => {
    const env = { JEEX_CONFIG_DIR: join(mkdtempSync(join(tmpdir(), "jeex-conn-")), "jeex") };
    await saveLogin(env, { url: "http://saved.test/", apiKey: "saved-key" });

    expect(await resolveConnection({ url: "http://saved.test" }, env)).toMatchObject({ apiKey: "saved-key" });
    await expect(resolveConnection({ url: "http://elsewhere.test" }, env)).rejects.toMatchObject({
      exitCode: 3,
      code: "NOT_LOGGED_IN",
    });
  });
});
