import { databaseTargets, uniqueSlug } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { projectWithProgress, runAndWait } from "../support/progress.ts";
import { expectTrpcError, useTestServer } from "../support/server.ts";

const idea = {
  idea: "Bakers want to record deliveries, see stock levels on their phones and get reminders before an ingredient runs out.",
};

describe.each(databaseTargets())("documents.report ($name)", (target) => {
  const suite = useTestServer(target);

  it("returns the worker's report of the active versions; an edit makes it pending, the next read current", async () => {
    const slug = uniqueSlug("quality");
    const editor = await suite.member("editor", slug);
    const viewer = await suite.member("viewer", slug);
    const client = suite.client(editor);
    const { project, progress } = await projectWithProgress(client, "Crumb");
    expect(await suite.client(viewer).documents.report.query({ projectId: project.id })).toEqual({
      status: "none",
      report: null,
    });

    await runAndWait(client, progress, { projectId: project.id, step: "about", input: idea });
    for (const step of ["architecture", "plan", "specs"] as const)
      await runAndWait(client, progress, { projectId: project.id, step });
    progress.close();

    const report = await suite.client(viewer).documents.report.query({ projectId: project.id });
    const docs = (await client.documents.list.query({ projectId: project.id })).items;
    expect(report.status).toBe("current");
    expect(report.report?.versionIds).toEqual(docs.map((doc) => doc.versionId).sort());
    expect(report.report?.counts.errors).toBe(0);

    // A person breaks a link: the stored report no longer matches the active versions.
    const specs = docs.find((doc) => doc.path === "docs/specs.md");
    if (!specs) throw new Error("no specs document");
    const current = await client.documents.get.query({ documentId: specs.id });
    await client.documents.saveEdit.mutate({
      documentId: specs.id,
      baseVersionId: specs.versionId,
      content: `${current.version.content}\nSee [the runbook](runbook.md).\n`,
    });
    expect((await client.documents.report.query({ projectId: project.id })).status).toBe("pending");
    const recomputed = await client.documents.report.query({ projectId: project.id });
    expect(recomputed.status).toBe("current");
    expect(recomputed.report?.findings).toContainEqual(
      expect.objectContaining({ code: "link-broken", path: "docs/specs.md", severity: "error" }),
    );
  }, 180_000);

  it("another tenant's project answers NOT_FOUND", async () => {
    const owner = await suite.member("editor", uniqueSlug("quality-a"));
    const stranger = await suite.member("owner", uniqueSlug("quality-b"));
    const project = await suite.client(owner).projects.create.mutate({ name: "Mine" });
    await expectTrpcError(
      suite.client(stranger).documents.report.query({ projectId: project.id }),
      "NOT_FOUND",
    );
  });

  it("a malformed project id is a BAD_REQUEST naming the field", async () => {
    const member = await suite.member("viewer", uniqueSlug("quality-c"));
    const error = await expectTrpcError(
      suite.client(member).documents.report.query({ projectId: "nope" }),
      "BAD_REQUEST",
    );
    expect(JSON.stringify(error.data)).toContain("projectId");
  });
});
