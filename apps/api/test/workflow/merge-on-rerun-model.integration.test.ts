import { answer, databaseTargets, startFakeOpenAiServer } from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validAboutOutput } from "../support/about-output.ts";
import { fakeLlmEnv } from "../support/fake-llm-server.ts";
import { projectWithProgress, runAndWait } from "../support/progress.ts";
import { useTestServer } from "../support/server.ts";

const idea = "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking.";
const first = validAboutOutput(idea) as { problem: string };
// The model's second answer rewrites the very paragraph the person rewrote: a conflict.
const second = { ...first, problem: "Owners cannot check a walker's history before booking." };
const personsProblem = "Busy owners cannot find a walker at short notice.";

describe.each(databaseTargets())("merge on re-run with an OpenAI-compatible model ($name)", (target) => {
  let llm: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
  beforeAll(async () => {
    llm = await startFakeOpenAiServer({ replies: [answer(first), answer(second)] });
  });
  afterAll(() => llm.close());
  const suite = useTestServer(target, () => ({
    ...fakeLlmEnv(llm, "gpt-4o-mini"),
  }));

  it("a conflicting re-run is kept for review with markers, the report says so, and 'mine' settles it", async () => {
    const editor = await suite.member("editor");
    const client = suite.client(editor);
    const { project, progress } = await projectWithProgress(client, "Walkies");
    await runAndWait(client, progress, { projectId: project.id, step: "about", input: { idea } });
    const [about] = (await client.documents.list.query({ projectId: project.id })).items;
    if (!about) throw new Error("no about document");
    const drafted = await client.documents.get.query({ documentId: about.id });
    expect(drafted.version.content).toContain(first.problem);
    const edit = await client.documents.saveEdit.mutate({
      documentId: about.id,
      baseVersionId: about.versionId,
      content: drafted.version.content.replace(first.problem, personsProblem),
    });

    await runAndWait(client, progress, { projectId: project.id, step: "about", input: { idea } });
    progress.close();

    const merged = await client.documents.get.query({ documentId: about.id });
    expect(merged.version).toMatchObject({ source: "merged", needsReview: true, humanParentId: edit.id });
    const content = merged.version.content;
    expect(content).toMatch(/^<<<<<<< your edit \(version 2\)$/m);
    expect(content.indexOf(personsProblem)).toBeLessThan(content.indexOf(second.problem));
    expect(content).toMatch(/^>>>>>>> agent \(version 3, run [0-9a-f-]+\)$/m);
    const status = await client.workflow.status.query({ projectId: project.id });
    expect(status.steps.find((step) => step.step === "about")?.needsReview).toBe(1);
    const { report } = await client.documents.report.query({ projectId: project.id });
    expect(report?.findings).toContainEqual(
      expect.objectContaining({ code: "document-needs-review", severity: "error", path: "docs/about.md" }),
    );

    const mine = await client.documents.resolveMerge.mutate({
      documentId: about.id,
      versionId: merged.version.id,
      resolution: "mine",
    });
    expect(mine).toMatchObject({ version: 5, needsReview: false });
    const settled = await client.documents.get.query({ documentId: about.id });
    expect(settled.version.content).toBe(drafted.version.content.replace(first.problem, personsProblem));
  });
});
