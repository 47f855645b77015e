import { execFile } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createJeexClient } from "@jeex/client";
import { postgresTestEnv, testPostgresUrl } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { createServer } from "../src/server.ts";
import { readDevCredentials, tempDataDir, testConfig, useEmbeddedServers } from "./support/server.ts";

const run = promisify(execFile);
const adminCli = fileURLToPath(new URL("../src/admin.ts", import.meta.url));

describe("the embedded default (no DATABASE_URL)", () => {
  const startEmbedded = useEmbeddedServers();

  it("migrates PGlite, seeds a demo owner once and writes dev-credentials.json (0600)", async () => {
    const dataDir = tempDataDir();
    const first = await startEmbedded(dataDir);
    const credentials = readDevCredentials(dataDir);
    expect(statSync(join(dataDir, "dev-credentials.json")).mode & 0o777).toBe(0o600);
    expect(credentials.url).toBe(first.url);

    const client = createJeexClient({ url: credentials.url, apiKey: credentials.apiKey });
    const project = await client.projects.create.mutate({ name: "kept across restarts" });
    expect(project.tenantId).toBe(credentials.tenantId);
    expect(project.createdBy).toBe(credentials.userId);
    await first.server.stop();

    const second = await startEmbedded(dataDir);
    expect(readDevCredentials(dataDir).apiKey).toBe(credentials.apiKey);
    const again = createJeexClient({ url: second.url, apiKey: credentials.apiKey });
    expect((await again.projects.list.query({})).items.map((p) => p.id)).toEqual([project.id]);
  });

  it("the admin CLI creates a working key against PGlite while no server holds it", async () => {
    const dataDir = tempDataDir();
    const { stdout } = await run(
      process.execPath,
      [adminCli, "create-api-key", "--tenant", "acme", "--email", "Ops@Acme.test", "--role", "editor"],
      { env: { ...process.env, JEEX_DEV_MODE: "true", DATA_DIR: dataDir, LOG_LEVEL: "silent" } },
    );
    const created = JSON.parse(stdout) as { apiKey: string; tenantId: string; userId: string };
    expect(Object.keys(created).sort()).toEqual(["apiKey", "tenantId", "userId"]);

    const { url } = await startEmbedded(dataDir);
    const client = createJeexClient({ url, apiKey: created.apiKey });
    expect((await client.projects.create.mutate({ name: "by an editor" })).tenantId).toBe(created.tenantId);
    // An existing database is not re-seeded with demo credentials.
    expect(() => readDevCredentials(dataDir)).toThrow();
  });

  it("the admin CLI refuses to open PGlite that a running server holds", async () => {
    const dataDir = tempDataDir();
    await startEmbedded(dataDir);
    const attempt = run(
      process.execPath,
      [adminCli, "create-api-key", "--tenant", "acme", "--email", "a@acme.test", "--role", "owner"],
      { env: { ...process.env, JEEX_DEV_MODE: "true", DATA_DIR: dataDir } },
    );
    await expect(attempt).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/in use by process/),
    });
  });

  it("the admin CLI rejects bad arguments with a usage message and exit code 2", async () => {
    const attempt = run(
      process.execPath,
      [adminCli, "create-api-key", "--tenant", "Bad Slug", "--role", "god"],
      {
        env: { ...process.env, JEEX_DEV_MODE: "true", DATA_DIR: tempDataDir() },
      },
    );
    await expect(attempt).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--role.*\n?.*usage/s),
    });
  });
});

describe.runIf(testPostgresUrl())("the admin CLI against DATABASE_URL", () => {
  it("prints a key that the server accepts, without writing demo data", async () => {
    // Development mode supplies the secrets and identity provider the CLI's config would require.
    const env = { ...process.env, ...postgresTestEnv(), JEEX_DEV_MODE: "true", DATA_DIR: tempDataDir() };
    const tenant = `cli-${process.pid}-${Date.now().toString(36)}`;
    const { stdout } = await run(
      process.execPath,
      [
        adminCli,
        "create-api-key",
        "--tenant",
        tenant,
        "--email",
        `${tenant}@example.test`,
        "--role",
        "owner",
      ],
      { env },
    );
    const created = JSON.parse(stdout) as { apiKey: string; tenantId: string };
    const server = createServer(testConfig({ ...postgresTestEnv(), DATA_DIR: env.DATA_DIR }));
    const { url } = await server.start();
    try {
      const client = createJeexClient({ url, apiKey: created.apiKey });
      expect((await client.projects.list.query({})).items).toEqual([]);
      expect(() => readDevCredentials(env.DATA_DIR)).toThrow();
    } finally {
      await server.stop();
    }
  });
});
