import type { DocumentsReport } from "@jeex/contracts/quality";
import { beforeAll, describe, expect, it } from "vitest";
import { demoOwner } from "./support/demo-owner.ts";

const IDEA = "Bakers want to record deliveries, see stock levels on their phones and get reminders.";

describe("jeex check, the pack's quality gate", () => {
  const owner = demoOwner();
  const { user } = owner;
  let projectId: string;

  beforeAll(async () => {
    await owner.login();
    projectId = await owner.createProject("Crumb");
    const plan = await user.run("plan", "--project", projectId, "--idea", IDEA);
    expect(plan.code, plan.stderr).toBe(0);
  }, 240_000);

  it("exits 0 and prints the counts for the template's pack", async () => {
    const checked = await user.run("check", "--project", projectId);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain(`Quality report of project ${projectId} (of the active versions`);
    expect(checked.stdout).toContain("0 errors");
  });

  it("exits 9 and names the document, line and code once an edit breaks a link", async () => {
    const jeex = owner.client();
    const { items } = await jeex.documents.list.query({ projectId });
    const specs = items.find((doc) => doc.path === "docs/specs.md");
    if (!specs) throw new Error("the plan wrote no docs/specs.md");
    const { version } = await jeex.documents.get.query({ documentId: specs.id });
    const content = `${version.content}\nSee [the runbook](runbook.md).\n`;
    await jeex.documents.saveEdit.mutate({ documentId: specs.id, baseVersionId: specs.versionId, content });
    const line = content.split("\n").findIndex((text) => text.includes("runbook.md")) + 1;

    const checked = await user.run("check", "--project", projectId);
    expect(checked.code).toBe(9);
    expect(checked.stdout).toContain("1 error,");
    expect(checked.stdout).toContain(
      `✗ error    docs/specs.md:${line} (v${specs.version + 1})  [link-broken]`,
    );

    const json = await user.json<DocumentsReport>("check", "--project", projectId);
    expect(json.code).toBe(9);
    expect(json.body.status).toBe("current");
    expect(json.body.report?.counts.errors).toBe(1);
  });

  it("a project it cannot see is not found (exit 5)", async () => {
    const checked = await user.run("check", "--project", "0190a0a0-0000-7000-8000-000000000001");
    expect(checked.code).toBe(5);
  });
});
