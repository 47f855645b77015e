import { databaseTargets } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { projectWithProgress, runAndWait } from "../support/progress.ts";
import { expectTrpcError, useTestServer } from "../support/server.ts";

const idea = {
  idea: "A shared shopping list for households, with aisle ordering and price history per shop.",
  audience: "Households who shop together",
};

describe.each(databaseTargets())("confirming a stale document as still right ($name)", (target) => {
  const suite = useTestServer(target);

  /** about + architecture, then an edit of about.md: the architecture documents turn stale. */
  async function staleArchitecture() {
    const [owner, editor, viewer] = await suite.team("owner", "editor", "viewer");
    const client = suite.client(editor);
    const { project, progress } = await projectWithProgress(client, "Groceries");
    await runAndWait(client, progress, { projectId: project.id, step: "about", input: idea });
    await runAndWait(client, progress, { projectId: project.id, step: "architecture" });
    progress.close();
    const docs = (await client.documents.list.query({ projectId: project.id })).items;
    const about = docs.find((doc) => doc.path === "docs/about.md")!;
    await client.documents.saveEdit.mutate({
      documentId: about.id,
      baseVersionId: about.versionId,
      content: "# About\n\nEdited by a person.\n",
    });
    const stale = (await client.documents.list.query({ projectId: project.id })).items.filter(
      (doc) => doc.stale,
    );
    return { owner, editor, viewer, client, project, stale };
  }

  it("an editor's confirm clears the stale flag, keeps the active version and writes an audit entry", async () => {
    const { owner, client, project, stale } = await staleArchitecture();
    expect(stale.map((doc) => doc.path)).toContain("docs/architecture.md");
    const architecture = stale.find((doc) => doc.path === "docs/architecture.md")!;

    const confirmed = await client.documents.confirm.mutate({ documentId: architecture.id });
    expect(confirmed).toEqual({
      documentId: architecture.id,
      versionId: architecture.versionId,
      stale: false,
      wasStale: true,
    });

    const after = await client.documents.get.query({ documentId: architecture.id });
    expect(after.document.stale).toBe(false);
    expect(after.version.id).toBe(architecture.versionId);
    expect(after.version.version).toBe(architecture.version);
    const versions = await client.documents.versions.query({ documentId: architecture.id });
    expect(versions.items).toHaveLength(1);
    // Only the confirmed document changed: the other architecture documents are still stale.
    const stillStale = (await client.documents.list.query({ projectId: project.id })).items.filter(
      (doc) => doc.stale,
    );
    expect(stillStale.map((doc) => doc.id).sort()).toEqual(
      stale
        .filter((doc) => doc.id !== architecture.id)
        .map((doc) => doc.id)
        .sort(),
    );

    const audit = await suite.client(owner).audit.list.query({ action: "document.confirm" });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      action: "document.confirm",
      targetType: "document",
      targetId: architecture.id,
      details: { projectId: project.id, path: "docs/architecture.md", versionId: architecture.versionId },
    });

    // A second confirm finds nothing to do and records nothing.
    expect(await client.documents.confirm.mutate({ documentId: architecture.id })).toMatchObject({
      wasStale: false,
    });
    const again = await suite.client(owner).audit.list.query({ action: "document.confirm" });
    expect(again.items).toHaveLength(1);
  });

  it("a viewer may not confirm; tenant B gets NOT_FOUND for tenant A's document", async () => {
    const { viewer, client, stale } = await staleArchitecture();
    const doc = stale[0]!;
    await expectTrpcError(suite.client(viewer).documents.confirm.mutate({ documentId: doc.id }), "FORBIDDEN");
    const outsider = await suite.member("owner");
    await expectTrpcError(
      suite.client(outsider).documents.confirm.mutate({ documentId: doc.id }),
      "NOT_FOUND",
    );
    expect((await client.documents.get.query({ documentId: doc.id })).document.stale).toBe(true);
  });

  it("an id that is no document is NOT_FOUND, and a bad id is BAD_REQUEST", async () => {
    const { client } = await staleArchitecture();
    await expectTrpcError(
      client.documents.confirm.mutate({ documentId: "0190a2b4-0000-7000-8000-000000000000" }),
      "NOT_FOUND",
    );
    await expectTrpcError(client.documents.confirm.mutate({ documentId: "nope" }), "BAD_REQUEST");
  });
});
