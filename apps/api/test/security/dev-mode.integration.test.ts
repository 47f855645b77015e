import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDownloadLinks } from "@jeex/core/exports";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createServer } from "../../src/server.ts";
import { configErrorOf } from "../support/config-error.ts";
import { tempDataDir, testConfig } from "../support/server.ts";

// The dev identity provider (public passwords), /panel, the demo key file and the public
// development secrets run only behind JEEX_DEV_MODE=true — never because NODE_ENV is not
// "production". A link forged with the public signing secret once downloaded a pack.

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const EXPORT_ID = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const SUPPLIED = {
  API_KEY_HASH_SECRET: "k".repeat(40),
  EXPORT_SIGNING_SECRET: "e".repeat(40),
  AUTH_COOKIE_SECRET: "c".repeat(40),
  OIDC_PROVIDERS: JSON.stringify([
    { id: "corp", name: "Corp", issuer: "https://id.corp.example", clientId: "jeex", clientSecret: "s" },
  ]),
};

/** A link to EXPORT_ID signed with the public development secret, as anyone who reads the code can. */
function forgedLink(baseUrl: string) {
  const publicSecret = testConfig().exports.signingSecret;
  return createDownloadLinks({ secret: publicSecret, linkTtlMs: 60_000, baseUrl: () => baseUrl }).linkFor(
    EXPORT_ID,
    new Date(Date.now() + 3_600_000),
  ).url;
}

describe("the development switch in the configuration", () => {
  it.each(["development", "test"])(
    "NODE_ENV=%s without JEEX_DEV_MODE refuses every development default, naming the variables",
    (nodeEnv) => {
      const message = configErrorOf({ NODE_ENV: nodeEnv });
      expect(message).toMatch(/OIDC_PROVIDERS: is required unless JEEX_DEV_MODE=true/);
      expect(message).toMatch(/API_KEY_HASH_SECRET: is required unless JEEX_DEV_MODE=true/);
      expect(message).toMatch(/EXPORT_SIGNING_SECRET: is required unless JEEX_DEV_MODE=true/);
      expect(message).toMatch(/or JEEX_DEV_MODE=true for a local trial/);
    },
  );

  it("with every secret and a provider supplied, development mode stays off", () => {
    const config = loadConfig(SUPPLIED);
    expect(config.devMode).toBe(false);
    expect(config.auth.devIdentityProvider).toBe(false);
    expect(config.apiKeys.usingDevelopmentSecret).toBe(false);
    expect(config.exports.usingDevelopmentSecret).toBe(false);
  });

  it("development mode is refused in production and on a non-loopback address", () => {
    expect(configErrorOf({ JEEX_DEV_MODE: "true", NODE_ENV: "production", ...SUPPLIED })).toMatch(
      /JEEX_DEV_MODE: must not be true with NODE_ENV=production/,
    );
    expect(configErrorOf({ JEEX_DEV_MODE: "true", HOST: "0.0.0.0" })).toMatch(
      /HOST: must be a loopback address/,
    );
    expect(loadConfig({ JEEX_DEV_MODE: "true", HOST: "::1" }).devMode).toBe(true);
    expect(loadConfig({ JEEX_DEV_MODE: "true", HOST: "localhost" }).devMode).toBe(true);
  });
});

describe.each([
  { mode: "off", env: { JEEX_DEV_MODE: "false", ...SUPPLIED } },
  { mode: "on", env: { JEEX_DEV_MODE: "true" } },
])("a server with development mode $mode", ({ mode, env }) => {
  const on = mode === "on";
  let server: ReturnType<typeof createServer>;
  let url: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = createServer(testConfig({ ...env, DATA_DIR: dataDir }));
    ({ url } = await server.start());
  });
  afterAll(() => server.stop());

  it(`${on ? "serves" : "does not serve"} the development identity provider at /oidc`, async () => {
    const discovery = await fetch(`${url}/oidc/.well-known/openid-configuration`);
    expect(discovery.status).toBe(on ? 200 : 404);
    const providers = (await (await fetch(`${url}/trpc/auth.providers`)).json()) as {
      result: { data: { id: string }[] };
    };
    expect(providers.result.data.map((p) => p.id)).toEqual(on ? ["dev"] : ["corp"]);
  });

  it(`${on ? "serves" : "does not serve"} /panel`, async () => {
    expect((await fetch(`${url}/panel`)).status).toBe(on ? 200 : 404);
    expect((await fetch(`${url}/panel/procedures.json`)).status).toBe(on ? 200 : 404);
  });

  it(`${on ? "writes" : "does not write"} the demo owner's key to dev-credentials.json`, () => {
    expect(existsSync(join(dataDir, "dev-credentials.json"))).toBe(on);
  });

  it(`${on ? "accepts" : "refuses"} a download link signed with the public development secret`, async () => {
    const response = await fetch(forgedLink(url));
    // On: the signature is genuine, so the lookup runs (no such export). Off: 403 before any lookup.
    expect(response.status).toBe(on ? 404 : 403);
  });
});

/** Runs a command from the repository root with a clean environment; resolves once `until` matches. */
function runUntil(command: string[], env: Record<string, string>, until: RegExp) {
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: tmpdir(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: `sh -c` may not exec, and the server under it must stop too.
    detached: true,
  });
  let output = "";
  let stopped = false;
  return new Promise<{ output: string; code: number | null }>((resolve) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (!stopped && child.pid && until.test(output)) {
        stopped = true;
        process.kill(-child.pid, "SIGTERM");
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("close", (code) => resolve({ output, code }));
  });
}

/** The `&&`-joined step of a package script that runs apps/api/src/main.ts. */
function apiStartOf(script: string): string {
  const step = script.split("&&").find((part) => part.includes("apps/api/src/main.ts"));
  if (!step) throw new Error(`the start script does not run apps/api/src/main.ts: ${script}`);
  return step.trim();
}

describe("starting the API process", () => {
  it("without configuration and without the switch, it refuses to start and says what to set", async () => {
    const { output, code } = await runUntil(
      [process.execPath, "apps/api/src/main.ts"],
      { DATA_DIR: tempDataDir(), PORT: "0" },
      /(?!)/,
    );
    expect(code).toBe(2);
    expect(output).toMatch(/OIDC_PROVIDERS: is required unless JEEX_DEV_MODE=true/);
    expect(output).toMatch(/API_KEY_HASH_SECRET: is required unless JEEX_DEV_MODE=true/);
    expect(output).toMatch(/EXPORT_SIGNING_SECRET: is required unless JEEX_DEV_MODE=true/);
  });

  it("`pnpm start` with zero configuration turns development mode on, says so loudly, and binds 127.0.0.1", async () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
      scripts: { start: string };
    };
    const { output } = await runUntil(
      // The command that starts the API; what runs before it (building the web app) is not this test's.
      ["sh", "-c", apiStartOf(manifest.scripts.start)],
      { DATA_DIR: tempDataDir(), PORT: "0", LOG_LEVEL: "info" },
      /Server listening at http:\/\/127\.0\.0\.1:\d+/,
    );
    expect(output).toMatch(/"level":40,.*DEVELOPMENT MODE \(JEEX_DEV_MODE=true\)/);
    expect(output).toMatch(/Server listening at http:\/\/127\.0\.0\.1:\d+/);
    expect(output).not.toMatch(/Server listening at http:\/\/(?!127\.0\.0\.1)/);
  }, 180_000);
});
