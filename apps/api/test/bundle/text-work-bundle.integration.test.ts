import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createJeexClient } from "@jeex/client";
import { freePort } from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectWithProgress, runAndWait } from "../support/progress.ts";
import { tempDataDir } from "../support/server.ts";

const run = promisify(execFile);
const appDir = fileURLToPath(new URL("../../", import.meta.url));
const dist = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));

/**
 * The production bundle (apps/api/build.ts) runs document work on its own bundled thread entry, and
 * ships the files read beside it (the panel's browser script).
 */
describe("the production bundle's text-work threads", () => {
  const dataDir = tempDataDir();
  let child: ChildProcess | undefined;
  let url = "";
  let apiKey = "";

  beforeAll(async () => {
    await run(process.execPath, ["build.ts"], { cwd: appDir });
    expect(existsSync(dist("text-work-worker.js"))).toBe(true);
    // Development mode: the bundled identity provider and dev secrets spare this test a configuration.
    const env = {
      ...process.env,
      NODE_ENV: "test",
      JEEX_DEV_MODE: "true",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    };
    const { stdout } = await run(
      process.execPath,
      [
        dist("admin.js"),
        "create-api-key",
        "--tenant",
        "bundle",
        "--email",
        "b@bundle.test",
        "--role",
        "owner",
      ],
      { env },
    );
    apiKey = (JSON.parse(stdout) as { apiKey: string }).apiKey;
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [dist("main.js")], {
      env: { ...env, PORT: String(port), HOST: "127.0.0.1", RATE_LIMITS_ENABLED: "false" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    for (let attempt = 0; attempt < 150; attempt++) {
      const alive = await fetch(`${url}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (alive) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error("the bundled server did not start");
  }, 120_000);

  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  });

  /** A new project of the demo owner on the bundled server, its about step drafted; progress left open. */
  async function projectWithAbout(name: string, idea: string) {
    const client = createJeexClient({ url, apiKey });
    const { project, progress } = await projectWithProgress(client, name);
    await runAndWait(client, progress, { projectId: project.id, step: "about", input: { idea } });
    return { client, project, progress };
  }

  it("drafts a step, scores a save and diffs versions from dist/", { timeout: 60_000 }, async () => {
    const { client, project, progress } = await projectWithAbout(
      "Bundled",
      "A shared shopping list for flatmates, with reminders when stock runs low.",
    );
    progress.close();
    const [about] = (await client.documents.list.query({ projectId: project.id })).items;
    if (!about) throw new Error("the about step wrote no document");
    expect(about.scores.wordCount).toBeGreaterThan(10);
    const current = await client.documents.get.query({ documentId: about.id });
    const saved = await client.documents.saveEdit.mutate({
      documentId: about.id,
      baseVersionId: about.versionId,
      content: `${current.version.content}\nOne more plain sentence for the reader.\n`,
    });
    expect(saved.scores.wordCount).toBeGreaterThan(about.scores.wordCount);
    const diff = await client.documents.diff.query({ documentId: about.id, fromVersionId: about.versionId });
    expect(diff).toMatchObject({
      tooLarge: false,
      unified: expect.stringContaining("+One more plain sentence for the reader."),
    });
  });

  it("zips an export pack on the bundled thread", { timeout: 120_000 }, async () => {
    const { client, project, progress } = await projectWithAbout(
      "Bundled export",
      "A lending library for tools, shared by the neighbours of one street.",
    );
    for (const step of ["architecture", "plan", "specs"] as const)
      await runAndWait(client, progress, { projectId: project.id, step });
    progress.close();
    const { id: exportId } = await client.exports.create.mutate({ projectId: project.id });
    let exported = await client.exports.get.query({ exportId });
    for (
      let wait = 0;
      wait < 200 && (exported.status === "queued" || exported.status === "running");
      wait++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      exported = await client.exports.get.query({ exportId });
    }
    expect(exported).toMatchObject({ status: "succeeded", sizeBytes: expect.any(Number) });
  });

  it("serves /panel with its browser script from dist/browser/, allowed by its hash", async () => {
    const response = await fetch(`${url}/panel`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const script = /<script type="module">([\s\S]*?)<\/script>/.exec(html)?.[1];
    const source = readFileSync(new URL("../../src/panel/browser/panel.js", import.meta.url), "utf8");
    expect(script).toBe(source);
    expect(readFileSync(dist("browser/panel.js"), "utf8")).toBe(source);
    const hash = createHash("sha256").update(source).digest("base64");
    expect(response.headers.get("content-security-policy")).toContain(`script-src 'sha256-${hash}'`);
  });

  it("checks the pack with Mermaid's parser from dist/ (the architecture's C4 diagrams)", {
    timeout: 90_000,
  }, async () => {
    const { client, project, progress } = await projectWithAbout(
      "Bundled diagrams",
      "A booking tool for a small climbing gym, with a mobile app for members.",
    );
    await runAndWait(client, progress, { projectId: project.id, step: "architecture" });
    progress.close();
    // Current only if the bundled thread ran every check, Mermaid's parser included, after the step.
    const { status, report } = await client.documents.report.query({ projectId: project.id });
    expect(status).toBe("current");
    expect(report?.findings.filter((finding) => finding.check === "diagrams")).toEqual([]);
  });
});
