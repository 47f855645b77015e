import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createJeexClient } from "@jeex/client";
import JSZip from "jszip";
import { beforeAll, describe, expect, inject, it } from "vitest";
import "./support/provided-context.ts";
import { cliUser } from "./support/run-cli.ts";

interface PlanOutput {
  project: { id: string; name: string };
  steps: {
    step: string;
    status: string;
    executionId: string;
    documents: { path: string; version: number }[];
  }[];
}

const IDEA = "An app that matches dog owners with trusted walkers nearby";

describe("projects, plan, docs show and export through the jeex binary", () => {
  const api = inject("api");
  const user = cliUser();
  let planned: Promise<string> | undefined;

  beforeAll(async () => {
    const login = await user.run("login", "--url", api.url, "--api-key", api.credentials.apiKey);
    expect(login.code, login.stderr).toBe(0);
  });

  async function createProject(name: string): Promise<string> {
    const created = await user.json<{ id: string }>("projects", "create", "--name", name);
    expect(created.code, created.stderr).toBe(0);
    return created.body.id;
  }

  /** One fully planned project shared by the read-only tests (planning takes a moment). */
  function plannedProject(): Promise<string> {
    planned ??= (async () => {
      const projectId = await createProject("Shared planned project");
      const plan = await user.run("plan", "--project", projectId, "--idea", IDEA);
      expect(plan.code, plan.stderr).toBe(0);
      return projectId;
    })();
    return planned;
  }

  it("projects create prints the id; projects list shows it, as text and as JSON", async () => {
    const human = await user.run("projects", "create", "--name", "Walkies", "--description", "dog walking");
    expect(human.code).toBe(0);
    const id = /id: ([0-9a-f-]{36})/.exec(human.stdout)?.[1];
    expect(id).toBeDefined();

    const listed = await user.run("projects", "list");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${id}  Walkies`);

    const json = await user.json<{ projects: { id: string; name: string; description: string }[] }>(
      "projects",
      "list",
    );
    expect(json.code).toBe(0);
    expect(json.body.projects).toContainEqual(
      expect.objectContaining({ id, name: "Walkies", description: "dog walking" }),
    );
  });

  it("plan runs the four steps in order on the template provider and lists each step's documents", async () => {
    const projectId = await createProject("Planned with --json");
    const result = await user.json<PlanOutput>("plan", "--project", projectId, "--idea", IDEA);
    expect(result.code, result.stderr).toBe(0);
    expect(result.body.project.id).toBe(projectId);
    expect(result.body.steps.map((s) => [s.step, s.status])).toEqual([
      ["about", "succeeded"],
      ["architecture", "succeeded"],
      ["plan", "succeeded"],
      ["specs", "succeeded"],
    ]);
    const paths = result.body.steps.flatMap((s) => s.documents.map((d) => d.path));
    expect(paths).toEqual(
      expect.arrayContaining([
        "docs/about.md",
        "docs/architecture.md",
        "docs/plans/overview.md",
        "docs/specs.md",
      ]),
    );
    for (const step of result.body.steps) expect(step.documents.length).toBeGreaterThan(0);
  });

  it("plan prints per-step completion for people, with progress on stderr", async () => {
    const projectId = await createProject("Planned for people");
    const plan = await user.run(
      "plan",
      "--project",
      projectId,
      "--idea",
      IDEA,
      "--steps",
      "about,architecture",
    );
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("✓ about (Business Analyst): 1 document");
    expect(plan.stdout).toContain("✓ architecture (Solution Architect)");
    expect(plan.stdout).toContain("Plan ready");
    expect(plan.stdout).not.toContain("✓ plan");
    // Not a terminal, so progress is one plain line per change.
    expect(plan.stderr).toContain("about: 100% done");
    expect(plan.stderr).toContain("architecture: 10% Solution Architect is drafting");
  });

  it("a step whose earlier steps are missing is refused with exit 8 and the server's reason", async () => {
    const projectId = await createProject("Out of order");
    const plan = await user.run("plan", "--project", projectId, "--steps", "specs");
    expect(plan.code).toBe(8);
    expect(plan.stderr).toContain("PRECONDITION_FAILED");
  });

  it("an unknown project is exit 5", async () => {
    const plan = await user.run("plan", "--project", "00000000-0000-4000-8000-000000000000", "--idea", IDEA);
    expect(plan.code).toBe(5);
    expect(plan.stderr).toContain("[NOT_FOUND]");
  });

  it("docs show prints docs/about.md, a given version, and exit 5 for a missing path", async () => {
    const projectId = await plannedProject();
    const about = await user.run("docs", "show", "docs/about.md", "--project", projectId);
    expect(about.code, about.stderr).toBe(0);
    expect(about.stdout).toContain("# Shared planned project");
    expect(about.stdout).toContain(IDEA);

    const v1 = await user.json<{ version: { version: number; content: string } }>(
      "docs",
      "show",
      "docs/about.md",
      "--project",
      projectId,
      "--version",
      "1",
    );
    expect(v1.code).toBe(0);
    expect(v1.body.version.version).toBe(1);
    expect(v1.body.version.content.trimEnd()).toBe(about.stdout.trimEnd());

    const missing = await user.run("docs", "show", "docs/nothing.md", "--project", projectId);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain("docs/about.md");
  });

  it("export writes a zip whose sha256 matches the server's, with the pack's manifest inside", async () => {
    const projectId = await plannedProject();
    const out = join(mkdtempSync(join(tmpdir(), "jeex-cli-export-")), "pack.zip");
    const result = await user.json<{ exportId: string; path: string; sha256: string; bytes: number }>(
      "export",
      "--project",
      projectId,
      "--out",
      out,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.body.path).toBe(out);

    const archive = readFileSync(out);
    const sha256 = createHash("sha256").update(archive).digest("hex");
    const client = createJeexClient({ url: api.url, apiKey: api.credentials.apiKey });
    const detail = await client.exports.get.query({ exportId: result.body.exportId });
    expect(sha256).toBe(detail.sha256);
    expect(result.body).toMatchObject({ sha256, bytes: archive.byteLength });

    const zip = await JSZip.loadAsync(archive);
    const names = Object.keys(zip.files);
    expect(names.some((name) => name.endsWith("/manifest.json"))).toBe(true);
    expect(names.some((name) => name.endsWith("docs/about.md"))).toBe(true);
  });
});
