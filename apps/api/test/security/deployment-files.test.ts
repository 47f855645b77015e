import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * What `docker/compose.yaml` and the image run, read from the files themselves (issue 10 §7):
 * compose once ran development mode with 5210 published on every interface, so the development
 * identity provider, /panel and the public link-signing secret were on the LAN. The server's own
 * refusals are tested in `dev-mode`; this keeps the shipped files from drifting back.
 */
const dockerDir = join(dirname(fileURLToPath(import.meta.url)), "../../../../docker");
const compose = readFileSync(join(dockerDir, "compose.yaml"), "utf8");
const dockerfile = readFileSync(join(dockerDir, "Dockerfile"), "utf8");

/** The host side of every `ports:` entry in the compose file, as written. */
function publishedPorts(text: string): string[] {
  const lines = text.split("\n");
  const published: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() !== "ports:") return;
    const indent = line.length - line.trimStart().length;
    for (const entry of lines.slice(i + 1)) {
      const trimmed = entry.trim();
      if (trimmed === "" || trimmed.startsWith("#")) continue;
      if (entry.length - entry.trimStart().length <= indent || !trimmed.startsWith("- ")) break;
      published.push(trimmed.slice(2).replaceAll('"', ""));
    }
  });
  return published;
}

/** A `KEY: value` line of the compose file's shared environment. */
const composeSetting = (key: string) =>
  compose
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line.startsWith(`${key}: `))
    ?.slice(key.length + 2);

describe("the shipped deployment files run production mode", () => {
  it("compose publishes every port on 127.0.0.1, the API unless JEEX_API_BIND says otherwise", () => {
    const ports = publishedPorts(compose);
    expect(ports.length).toBeGreaterThanOrEqual(5);
    // Compose's own default syntax, not a template: "$" + "{JEEX_API_BIND:-127.0.0.1}".
    const apiBind = ["$", "{JEEX_API_BIND:-127.0.0.1}:5210:5210"].join("");
    expect(ports.filter((port) => port.endsWith(":5210"))).toEqual([apiBind]);
    for (const port of ports.filter((p) => !p.endsWith(":5210")))
      expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  });

  it("compose runs production mode and refuses to start without its secrets and an OpenID provider", () => {
    expect(composeSetting("NODE_ENV")).toBe("production");
    expect(composeSetting("JEEX_DEV_MODE")).toBe('"false"');
    for (const secret of [
      "API_KEY_HASH_SECRET",
      "EXPORT_SIGNING_SECRET",
      "AUTH_COOKIE_SECRET",
      "OIDC_PROVIDERS",
    ]) {
      // `${VAR:?message}`: compose itself stops when the variable is unset or empty.
      expect(composeSetting(secret)).toMatch(new RegExp(`^\\$\\{${secret}:\\?set ${secret} `));
    }
    expect(compose).not.toMatch(/JEEX_DEV_MODE: "?true/);
  });

  it("the image sets production mode with development mode off", () => {
    const env = dockerfile.slice(dockerfile.indexOf("ENV NODE_ENV="));
    expect(env).toMatch(/^ENV NODE_ENV=production \\\n\s+JEEX_DEV_MODE=false \\/);
  });
});
