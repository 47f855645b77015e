import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { callInPage, type ListedDocument, listDocuments } from "./documents-pack.ts";
import { axeScan } from "./support/axe.ts";
import { pollFor } from "./support/poll.ts";
import { screenshot } from "./support/screenshot.ts";
import { useE2eSession } from "./support/session.ts";

const idea = {
  idea: "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking of every walk.",
};
const personsLine = "Written by Ada: owners want to meet the walker before the first walk.";

interface ActiveVersion {
  version: { id: string; version: number; source: string; content: string; needsReview: boolean };
}

const activeVersion = (page: Page, documentId: string) =>
  callInPage<ActiveVersion>(page, "documents.get", { documentId }, "query");

/** Polls the document until its active version satisfies `done` (a run finishing in the worker). */
function activeVersionOnce(page: Page, documentId: string, done: (v: ActiveVersion) => boolean) {
  return pollFor(async () => {
    const got = await activeVersion(page, documentId);
    return done(got) ? got : undefined;
  }, "the document's active version never changed as expected");
}

/** Runs the About step and waits for about.md to be drafted. */
async function draftAbout(page: Page, projectId: string, input: typeof idea): Promise<ListedDocument> {
  await callInPage(page, "workflow.runStep", { projectId, step: "about", input });
  return pollFor(
    async () => (await listDocuments(page, projectId)).find((doc) => doc.path === "docs/about.md"),
    "about.md was never drafted",
  );
}

describe("merge on re-run: a person's edit survives the step running again", () => {
  const session = useE2eSession();
  let projectId: string;
  let about: ListedDocument;

  beforeAll(async () => {
    const { page } = session;
    ({ id: projectId } = await callInPage<{ id: string }>(page, "projects.create", { name: "Walkies" }));
    const drafted = await draftAbout(page, projectId, idea);
    const { version } = await activeVersion(page, drafted.id);
    await callInPage(page, "documents.saveEdit", {
      documentId: drafted.id,
      baseVersionId: version.id,
      content: `${version.content}\n${personsLine}\n`,
    });
    await callInPage(page, "workflow.runStep", { projectId, step: "about", input: idea });
    await activeVersionOnce(page, drafted.id, (got) => got.version.source === "merged");
    about = drafted;
  }, 240_000);

  it("the page says the re-run was merged with the edit, the history names both parents, and keep my edit makes a new version", async () => {
    const { page } = session;
    await page.goto(`/projects/${projectId}/documents/${about.id}`);
    const review = page.getByRole("region", { name: "Merge review" });
    await review.waitFor();
    expect(await review.textContent()).toContain("combines the re-run's output with your edit");
    expect(await page.getByText(personsLine).count()).toBe(1);
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "document-merged");

    await page.goto(`/projects/${projectId}/documents/${about.id}?tab=history`);
    await page
      .getByText("Merged from version 3 (the agent's output) and version 2 (a person's edit)")
      .waitFor();

    await page.goto(`/projects/${projectId}/documents/${about.id}`);
    await page.getByRole("button", { name: "Keep my edit" }).click();
    await page.getByText(/Your edit is active again. Saved as version 5./).waitFor();
    const kept = await activeVersionOnce(page, about.id, (got) => got.version.version === 5);
    expect(kept.version.source).toBe("human");
    expect(kept.version.content).toContain(personsLine);
    expect(await page.getByRole("region", { name: "Merge review" }).count()).toBe(0);
  });

  it("a re-run that rewrites the line the person rewrote needs review: both sides shown, settled in the editor", async () => {
    const { page, browser } = session;
    const { id: project } = await callInPage<{ id: string }>(page, "projects.create", { name: "Walkies 2" });
    const drafted = await draftAbout(page, project, idea);
    const { version } = await activeVersion(page, drafted.id);
    // The person rewrites every line that names the idea; the re-run's new idea rewrites the same lines.
    const rewritten = version.content
      .split("\n")
      .map((line) => (line.includes("dog owners") ? "Ada: first for owners of two or more dogs." : line))
      .join("\n");
    expect(rewritten).not.toBe(version.content);
    await callInPage(page, "documents.saveEdit", {
      documentId: drafted.id,
      baseVersionId: version.id,
      content: rewritten,
    });
    const otherIdea = { idea: idea.idea.replaceAll("dog owners", "cat owners") };
    await callInPage(page, "workflow.runStep", { projectId: project, step: "about", input: otherIdea });
    const merged = await activeVersionOnce(page, drafted.id, (got) => got.version.source === "merged");
    expect(merged.version.content).toContain("<<<<<<< your edit");

    await page.goto(`/projects/${project}/documents/${drafted.id}`);
    const review = page.getByRole("region", { name: "Merge review" });
    await review.waitFor();
    expect(await review.textContent()).toContain("Needs review");
    const conflicts = page.getByRole("region", { name: "Conflict" });
    await conflicts.first().waitFor();
    expect(await conflicts.first().textContent()).toContain("Ada: first for owners of two or more dogs.");
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "document-merge-conflict");

    await review.getByRole("button", { name: "Resolve in the editor" }).click();
    const editor = page.locator(".cm-content");
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("# About\n\nSettled by Ada: owners of two or more dogs, cats later.\n");
    await page.getByRole("button", { name: /Save as a new version/ }).click();
    await page.getByText(/Merge resolved with your text. Saved as version \d+./).waitFor();
    const settled = await activeVersionOnce(page, drafted.id, (got) => !got.version.needsReview);
    expect(settled.version.content).toContain("Settled by Ada");
    expect(await review.textContent()).toContain("without conflicts");
    expect(await page.getByRole("region", { name: "Conflict" }).count()).toBe(0);
    expect(browser.problems).toEqual([]);
  }, 180_000);
});
