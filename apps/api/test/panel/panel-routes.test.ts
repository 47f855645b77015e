import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Script } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { PANEL_SCRIPT_FILE } from "../../src/panel/panel-page.ts";
import { createServer } from "../../src/server.ts";
import { tempDataDir } from "../support/server.ts";

// What production requires; the app is built but never started. app.inject needs no socket,
// and nothing connects to this database (postgres.js connects on the first query).
const PRODUCTION_ENV = {
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres",
  DATABASE_TENANT_URL: "postgres://jeex_tenant:t@127.0.0.1:5432/postgres",
  API_KEY_HASH_SECRET: "p".repeat(32),
  AUTH_COOKIE_SECRET: "c".repeat(32),
  EXPORT_SIGNING_SECRET: "e".repeat(32),
  PUBLIC_URL: "https://api.jeex.example",
  OIDC_PROVIDERS: JSON.stringify([
    {
      id: "google",
      name: "Google",
      issuer: "https://accounts.google.com",
      clientId: "jeex",
      clientSecret: "s",
    },
  ]),
};

/** Development mode on, NODE_ENV=development with the switch off, or production. */
function buildApp(mode: "dev mode" | "development" | "production") {
  const server = createServer(
    loadConfig({
      ...PRODUCTION_ENV,
      NODE_ENV: mode === "production" ? "production" : "development",
      JEEX_DEV_MODE: mode === "dev mode" ? "true" : "false",
      LOG_LEVEL: "silent",
      DATA_DIR: tempDataDir(),
      RATE_LIMITS_ENABLED: "false",
    }),
  );
  servers.push(server);
  return server.app;
}
const servers: ReturnType<typeof createServer>[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
});

const inline = (html: string, tag: "script" | "style") =>
  new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(html)?.[1] ?? "";
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("the /panel routes", () => {
  it("serve the page with its own CSP: its inline script and style by hash, fetches to itself only", async () => {
    const response = await buildApp("dev mode").inject({ method: "GET", url: "/panel" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    const csp = String(response.headers["content-security-policy"]);
    const script = inline(response.body, "script");
    expect(csp).toContain(`script-src ${sha256(script)}`);
    expect(csp).toContain(`style-src ${sha256(inline(response.body, "style"))}`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.body).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
    // The linted file, verbatim, as a module script (no imports, so it parses as a script too);
    // a syntax error would only show in a browser, so catch it here as well.
    expect(response.body).toContain('<script type="module">');
    expect(script).toBe(readFileSync(PANEL_SCRIPT_FILE, "utf8"));
    expect(() => new Script(script)).not.toThrow();
  });

  it("serve the procedure catalog as JSON, under the API's strict CSP", async () => {
    const response = await buildApp("dev mode").inject({ method: "GET", url: "/panel/procedures.json" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(response.headers["content-security-policy"]).not.toContain("sha256");
    const { procedures } = response.json() as { procedures: { path: string; type: string }[] };
    expect(procedures).toContainEqual(expect.objectContaining({ path: "projects.create", type: "mutation" }));
  });

  it.each(["production", "development"] as const)(
    "are not mounted without development mode (NODE_ENV=%s): both answer 404",
    async (mode) => {
      const app = buildApp(mode);
      expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
      for (const url of ["/panel", "/panel/procedures.json"]) {
        expect((await app.inject({ method: "GET", url })).statusCode).toBe(404);
      }
    },
  );
});
