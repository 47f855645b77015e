import { databaseTargets } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { projectWithProgress, runAndWait } from "../support/progress.ts";
import { expectTrpcError, useTestServer } from "../support/server.ts";

const idea = {
  idea: "A shared shopping list for households, with aisle ordering and price history per shop.",
  audience: "Households who shop together",
};
const personsLine = "Written by a person: households forget what the other already bought.";

describe.each(databaseTargets())("merge on re-run over HTTP ($name)", (target) => {
  const suite = useTestServer(target);

  /** about drafted, edited by a person, then re-run: the re-run is merged with the edit. */
  async function rerunAfterEdit() {
    const [editor, viewer] = await suite.team("editor", "viewer");
    const client = suite.client(editor);
    const { project, progress } = await projectWithProgress(client, "Groceries");
    await runAndWait(client, progress, { projectId: project.id, step: "about", input: idea });
    const about = (await client.documents.list.query({ projectId: project.id })).items.find(
      (doc) => doc.path === "docs/about.md",
    )!;
    const drafted = await client.documents.get.query({ documentId: about.id });
    const edit = await client.documents.saveEdit.mutate({
      documentId: about.id,
      baseVersionId: about.versionId,
      content: `${drafted.version.content}\n${personsLine}\n`,
    });
    await runAndWait(client, progress, { projectId: project.id, step: "about", input: idea });
    progress.close();
    return { client, viewer, project, about, drafted, edit };
  }

  it("a re-run keeps the person's edit as a merged version with both parents; taking the agent's output is a new version", async () => {
    const { client, project, about, drafted, edit } = await rerunAfterEdit();

    const merged = await client.documents.get.query({ documentId: about.id });
    const resolveAs = (resolution: "accept" | "agent" | "mine") =>
      client.documents.resolveMerge.mutate({
        documentId: about.id,
        versionId: merged.version.id,
        resolution,
      });
    expect(merged.version).toMatchObject({
      version: 4,
      source: "merged",
      needsReview: false,
      humanParentId: edit.id,
      baseVersionId: drafted.version.id,
      active: true,
    });
    expect(merged.version.content).toContain(personsLine);
    const versions = (await client.documents.versions.query({ documentId: about.id })).items;
    expect(versions.map((v) => [v.version, v.source])).toEqual([
      [4, "merged"],
      [3, "agent"],
      [2, "human"],
      [1, "agent"],
    ]);
    expect(versions.find((v) => v.version === 3)?.id).toBe(merged.version.agentParentId);
    const status = await client.workflow.status.query({ projectId: project.id });
    expect(status.steps.find((step) => step.step === "about")?.needsReview).toBe(0);

    // A clean merge is accepted already: accepting it again would only copy it.
    await expectTrpcError(resolveAs("accept"), "BAD_REQUEST");
    const agent = await resolveAs("agent");
    expect(agent).toMatchObject({ version: 5, source: "agent", agentParentId: merged.version.agentParentId });
    const active = await client.documents.get.query({ documentId: about.id });
    expect(active.version.content).not.toContain(personsLine);
    await expectTrpcError(resolveAs("mine"), "CONFLICT");
  });

  it("a viewer may not resolve, tenant B gets NOT_FOUND, and a bad resolution is BAD_REQUEST", async () => {
    const { client, viewer, about } = await rerunAfterEdit();
    const merged = await client.documents.get.query({ documentId: about.id });
    const input = { documentId: about.id, versionId: merged.version.id, resolution: "mine" as const };

    await expectTrpcError(suite.client(viewer).documents.resolveMerge.mutate(input), "FORBIDDEN");
    const outsider = await suite.member("owner");
    await expectTrpcError(suite.client(outsider).documents.resolveMerge.mutate(input), "NOT_FOUND");
    await expectTrpcError(
      client.documents.resolveMerge.mutate({ ...input, resolution: "theirs" as never }),
      "BAD_REQUEST",
    );
    // Text of one's own goes only with accept: "keep my edit" takes the edit as it was.
    await expectTrpcError(
      client.documents.resolveMerge.mutate({ ...input, content: "# Mine\n" }),
      "BAD_REQUEST",
    );
    expect((await client.documents.get.query({ documentId: about.id })).version.id).toBe(merged.version.id);
  });
});
