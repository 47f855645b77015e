import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { describe, expect, inject, it } from "vitest";
import "./support/provided-context.ts";
import { cliUser, runJeex } from "./support/run-cli.ts";

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("jeex login, credentials and exit codes", () => {
  const api = inject("api");

  it("verifies the key, then saves URL and key in a 0600 file inside a 0700 directory", async () => {
    const user = cliUser();
    const login = await user.run("login", "--url", api.url, "--api-key", api.credentials.apiKey);
    expect(login.stderr).toBe("");
    expect(login.code).toBe(0);
    expect(login.stdout).toContain("demo@jeex.local");
    expect(login.stdout).not.toContain(api.credentials.apiKey);

    expect(statSync(user.configPath).mode & 0o777).toBe(0o600);
    expect(statSync(user.configDir).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(user.configPath, "utf8"))).toEqual({
      url: api.url,
      apiKey: api.credentials.apiKey,
    });

    // Later commands need no flags.
    const list = await user.json<{ projects: unknown[] }>("projects", "list");
    expect(list.code).toBe(0);
    expect(list.body.projects).toEqual(expect.any(Array));
  });

  it("refuses a bad key with exit 3 and saves nothing", async () => {
    const user = cliUser();
    const login = await user.run("login", "--url", api.url, "--api-key", "jeex_notakey_0000000000");
    expect(login.code).toBe(3);
    expect(login.stderr).toContain("rejected this API key [UNAUTHORIZED]");
    expect(login.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(user.configPath)).toBe(false);
  });

  it("refuses a tenant the key's user is not a member of with exit 4", async () => {
    const user = cliUser();
    const login = await user.run(
      "login",
      "--url",
      api.url,
      "--api-key",
      api.credentials.apiKey,
      "--tenant",
      "00000000-0000-4000-8000-000000000000",
    );
    expect(login.code).toBe(4);
    expect(existsSync(user.configPath)).toBe(false);
  });

  it("without a login it says how to log in and exits 3; JEEX_URL and JEEX_API_KEY work instead", async () => {
    const anonymous = cliUser();
    const refused = await anonymous.run("projects", "list");
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("jeex login");

    const viaEnv = cliUser({ JEEX_URL: api.url, JEEX_API_KEY: api.credentials.apiKey });
    expect((await viaEnv.run("projects", "list")).code).toBe(0);
  });

  it("a revoked or wrong key on a later command is exit 3 with a JSON error under --json", async () => {
    const user = cliUser({ JEEX_URL: api.url, JEEX_API_KEY: "jeex_wrong_key" });
    const result = await user.json<{ error: { code: string; exitCode: number } }>("projects", "list");
    expect(result.code).toBe(3);
    expect(result.body.error).toMatchObject({ code: "UNAUTHORIZED", exitCode: 3 });
  });

  it("usage errors exit 2 and print the command's usage", async () => {
    const user = cliUser({ JEEX_URL: api.url, JEEX_API_KEY: api.credentials.apiKey });
    const missing = await user.run("plan", "--idea", "An app for dog walkers");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--project is required");
    expect(missing.stderr).toContain("usage: jeex plan");

    expect((await user.run("frobnicate")).code).toBe(2);
    expect((await user.run("projects", "create", "--name", "x", "--colour", "red")).code).toBe(2);
    expect((await user.run("plan", "--project", "not-a-uuid")).code).toBe(2);
    expect(
      (await user.run("plan", "--project", api.credentials.tenantId, "--steps", "about,deploy")).code,
    ).toBe(2);
  });

  it("--help lists the commands and the exit codes and exits 0", async () => {
    const help = await runJeex(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("jeex plan --project <id>");
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*7 +server unreachable/);
  });

  it("an unreachable server is exit 7", async () => {
    const port = await closedPort();
    const user = cliUser();
    const login = await user.run("login", "--url", `http://127.0.0.1:${port}`, "--api-key", "jeex_x_y");
    expect(login.code).toBe(7);
    expect(login.stderr).toContain(`cannot reach the server at http://127.0.0.1:${port}`);

    const viaEnv = cliUser({ JEEX_URL: `http://127.0.0.1:${port}`, JEEX_API_KEY: "jeex_x_y" });
    expect((await viaEnv.run("projects", "list")).code).toBe(7);
  });
});
