import { execFile } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createJeexClient, type JeexClient } from "@jeex/client";
import { describe, expect, it } from "vitest";
import { readDevCredentials, tempDataDir, useEmbeddedServers } from "./support/server.ts";

const run = promisify(execFile);
const adminCli = fileURLToPath(new URL("../src/admin.ts", import.meta.url));
const admin = (dataDir: string, ...args: string[]) =>
  run(process.execPath, [adminCli, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent", JEEX_DEV_MODE: "true" },
  });

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("timed out waiting");
}

describe("backing up and restoring the embedded database", () => {
  const startServer = useEmbeddedServers();

  async function startEmbedded(dataDir: string) {
    const { server } = await startServer(dataDir);
    const credentials = readDevCredentials(dataDir);
    const client = createJeexClient({ url: credentials.url, apiKey: credentials.apiKey });
    return { server, client, credentials };
  }

  async function packOf(client: JeexClient) {
    const projects = (await client.projects.list.query({})).items;
    return Promise.all(
      projects.map(async (project) => {
        const documents = (await client.documents.list.query({ projectId: project.id })).items;
        const versions = await Promise.all(
          documents.map(
            async (document) => (await client.documents.versions.query({ documentId: document.id })).items,
          ),
        );
        const exports = (await client.exports.list.query({ projectId: project.id })).items;
        return {
          project: project.id,
          versions: versions
            .flat()
            .map((version) => version.id)
            .sort(),
          exports: exports.map((item) => ({ id: item.id, status: item.status, sha256: item.sha256 })),
        };
      }),
    );
  }

  it("restores into a fresh data directory with every project, document version and export", {
    timeout: 180_000,
  }, async () => {
    const original = tempDataDir();
    const first = await startEmbedded(original);
    const project = await first.client.projects.create.mutate({ name: "Backed up" });
    for (const step of ["about", "architecture", "plan", "specs"] as const) {
      const { executionId } = await first.client.workflow.runStep.mutate({
        projectId: project.id,
        step,
        ...(step === "about" ? { input: { idea: "A planner for community gardens" } } : {}),
      });
      await eventually(
        () => first.client.workflow.executions.get.query({ executionId }),
        (execution) => execution.status === "succeeded",
      );
    }
    const documents = (await first.client.documents.list.query({ projectId: project.id })).items;
    const about = documents.find((document) => document.path === "docs/about.md");
    if (!about) throw new Error("the about step wrote no document");
    await first.client.documents.saveEdit.mutate({
      documentId: about.id,
      baseVersionId: about.versionId,
      content: "# About\n\nEdited by a person before the backup.\n",
    });
    const created = await first.client.exports.create.mutate({ projectId: project.id });
    await eventually(
      () => first.client.exports.get.query({ exportId: created.id }),
      (item) => item.status === "succeeded",
    );
    const before = await packOf(first.client);
    expect(before[0]?.versions).toHaveLength(documents.length + 1);
    expect(before[0]?.exports).toEqual([expect.objectContaining({ id: created.id, status: "succeeded" })]);
    await first.server.stop();

    const file = join(tempDataDir(), "jeex.backup.tar.gz");
    const backedUp = JSON.parse((await admin(original, "backup", "--out", file)).stdout) as { bytes: number };
    expect(backedUp.bytes).toBe(statSync(file).size);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const restored = tempDataDir();
    await admin(restored, "restore", "--from", file);
    // The restored directory has no dev-credentials.json; the demo key lives in the database itself.
    const { url } = await startServer(restored);
    const client = createJeexClient({ url, apiKey: first.credentials.apiKey });
    expect(await packOf(client)).toEqual(before);
  });

  it("refuses to restore over an existing database", { timeout: 60_000 }, async () => {
    const dataDir = tempDataDir();
    const first = await startEmbedded(dataDir);
    await first.server.stop();
    const file = join(tempDataDir(), "backup.tar.gz");
    await admin(dataDir, "backup", "--out", file);
    const refused = await admin(dataDir, "restore", "--from", file).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain("already holds a database");
  });
});
