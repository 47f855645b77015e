import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKeySecret } from "../src/api-keys/issue.ts";
import { parseApiKey } from "../src/api-keys/verify.ts";
import { lesserRole, roleAtLeast } from "../src/auth/roles.ts";

describe("API keys", () => {
  it("a generated key parses back to its prefix and secret", () => {
    for (let i = 0; i < 200; i++) {
      const { apiKey, prefix, secret } = generateApiKey();
      expect(parseApiKey(apiKey)).toEqual({ prefix, secret });
    }
  });

  it("malformed keys do not parse", () => {
    const { apiKey } = generateApiKey();
    for (const bad of [
      "",
      "jeex_",
      apiKey.slice(1),
      `${apiKey}x`,
      apiKey.replace("jeex_", "jx_"),
      ` ${apiKey}`,
    ]) {
      expect(parseApiKey(bad)).toBeUndefined();
    }
  });

  it("the stored hash depends on the server secret, not only on the key", () => {
    const { secret } = generateApiKey();
    const a = hashApiKeySecret(secret, { hashKey: "a".repeat(32) });
    const b = hashApiKeySecret(secret, { hashKey: "b".repeat(32) });
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
  });
});

describe("roles", () => {
  it("rank owner > admin > editor > viewer", () => {
    expect(roleAtLeast("owner", "admin")).toBe(true);
    expect(roleAtLeast("editor", "editor")).toBe(true);
    expect(roleAtLeast("viewer", "editor")).toBe(false);
    expect(roleAtLeast("admin", "owner")).toBe(false);
  });

  it("a credential acts with the lesser of its own and the member's role", () => {
    expect(lesserRole("owner", "viewer")).toBe("viewer");
    expect(lesserRole("editor", "admin")).toBe("editor");
  });
});
