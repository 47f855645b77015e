import type { Database } from "@jeex/db/client";
import { createExecutionRepository } from "@jeex/db/repositories";
import { databaseTargets } from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveMerge } from "../../src/documents/resolve-merge.ts";
import { listDocuments } from "../../src/documents/service.ts";
import { ConflictError, InvalidInputError, NotFoundError } from "../../src/errors.ts";
import { createTemplateProvider } from "../../src/llm/template.ts";
import { cancelExecution } from "../../src/workflow/cancel.ts";
import { workflowStatus } from "../../src/workflow/executions.ts";
import { lifecycleStoreOf } from "../../src/workflow/lifecycle.ts";
import { aboutDocument, asMember, editAbout, revisingProvider, runAbout } from "./support/rerun-world.ts";
import { memberWithProject, workflowParts } from "./support/workflow-world.ts";

const personsProblem = "Dog owners cannot tell which walkers near them are trustworthy.";
const personsSummary = "Walkies finds a walker your dog already likes, within ten minutes.";
const agentsSummary = "Walkies matches owners with vetted walkers and shows every walk live.";
const agentsGoal = "Let owners rate every walk";

const replaceSection = (content: string, heading: string, text: string) => {
  const lines = content.split("\n");
  const at = lines.indexOf(heading);
  if (at < 0) throw new Error(`no ${heading} in the document`);
  // Sections are "## Heading", a blank line, then the paragraph.
  lines[at + 2] = text;
  return lines.join("\n");
};

/** A re-run whose model adds a goal (lines nobody edited). */
const addsAGoal = revisingProvider((about) => ({ ...about, goals: [...about.goals, agentsGoal] }));
/** A re-run whose model rewrites the summary. */
const rewritesSummary = revisingProvider((about) => ({ ...about, summary: agentsSummary }));

describe.each(databaseTargets())("merge on re-run ($name)", (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(() => db.close());

  /** A project whose about.md was drafted (version 1) and then edited by its person (version 2). */
  async function editedProject(edit: { heading: string; text: string }) {
    const member = await memberWithProject(db);
    await runAbout(db, member, createTemplateProvider());
    const human = await editAbout(db, member, (content) => replaceSection(content, edit.heading, edit.text));
    return { member, human };
  }

  async function conflictedProject() {
    const { member, human } = await editedProject({ heading: "## Summary", text: personsSummary });
    await runAbout(db, member, rewritesSummary);
    return { member, human, ...(await aboutDocument(db, member)) };
  }

  it("without a human edit on top, a re-run's output replaces the active version as before", async () => {
    const member = await memberWithProject(db);
    await runAbout(db, member, createTemplateProvider());
    await runAbout(db, member, addsAGoal);

    const { active, versions } = await aboutDocument(db, member);
    expect(versions.map((v) => [v.version, v.source])).toEqual([
      [2, "agent"],
      [1, "agent"],
    ]);
    expect(active).toMatchObject({ version: 2, source: "agent", needsReview: false });
    expect(active.content).toContain(agentsGoal);
  });

  it("a clean merge keeps the person's edit and the agent's new lines, recording both parents", async () => {
    const { member, human } = await editedProject({ heading: "## Problem", text: personsProblem });
    await runAbout(db, member, addsAGoal);

    const { active, versions } = await aboutDocument(db, member);
    const [agent] = versions.filter((v) => v.source === "agent" && v.version === 3);
    expect(agent?.content).toContain(agentsGoal);
    expect(agent?.content).not.toContain(personsProblem);
    expect(active).toMatchObject({
      version: 4,
      source: "merged",
      needsReview: false,
      agentParentId: agent?.id,
      humanParentId: human.id,
      baseVersionId: versions.find((v) => v.version === 1)?.id,
    });
    expect(active.content).toContain(personsProblem);
    expect(active.content).toContain(agentsGoal);
    expect(active.content).not.toContain("<<<<<<<");
  });

  it("a conflict keeps both texts between markers, and the document and its step need review", async () => {
    const { member, active, versions } = await conflictedProject();

    expect(active).toMatchObject({ version: 4, source: "merged", needsReview: true });
    const agent = versions.find((v) => v.version === 3);
    expect(agent).toMatchObject({ source: "agent", content: expect.stringContaining(agentsSummary) });
    expect(active.content).toContain(
      [
        "<<<<<<< your edit (version 2)",
        personsSummary,
        "=======",
        agentsSummary,
        `>>>>>>> agent (version 3, run ${agent?.executionId})`,
      ].join("\n"),
    );
    const [listed, status] = await asMember(db, member, (ctx) =>
      Promise.all([
        listDocuments(ctx, { projectId: member.projectId, limit: 100 }),
        workflowStatus(
          { ...ctx, executions: createExecutionRepository(ctx.tx) },
          { projectId: member.projectId },
        ),
      ]),
    );
    expect(listed.items.find((doc) => doc.path === "docs/about.md")?.needsReview).toBe(true);
    expect(status.steps.find((step) => step.step === "about")?.needsReview).toBe(1);
  });

  it("a run cancelled before it persists writes nothing: the person's edit stays active", async () => {
    const { member, human } = await editedProject({ heading: "## Problem", text: personsProblem });
    const parts = workflowParts(db);
    // The model answers only after the person cancelled the run.
    const cancelsFirst = revisingProvider((about) => about);
    const generate = cancelsFirst.generate.bind(cancelsFirst);
    cancelsFirst.generate = async (request) => {
      const running = await asMember(db, member, (ctx) =>
        createExecutionRepository(ctx.tx).latestPerStep(member.projectId),
      );
      const executionId = running.find((row) => row.step === "about" && row.status === "running")?.id;
      if (!executionId) throw new Error("no running about execution");
      const afterCommit: (() => Promise<void>)[] = [];
      await db.withTenant(member, (tx) =>
        cancelExecution(
          {
            ...lifecycleStoreOf(tx),
            lifecycle: parts.lifecycle,
            afterCommit: (work) => afterCommit.push(work),
          },
          { executionId },
        ),
      );
      for (const work of afterCommit) await work();
      return generate(request);
    };
    const { events } = await runAbout(db, member, cancelsFirst, parts);

    expect(events).toContain("execution.cancelled");
    expect(events).not.toContain("execution.succeeded");
    const { active, versions } = await aboutDocument(db, member);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(active.id).toBe(human.id);
  });

  it("accepting the merge with the conflicts resolved makes a new merged version that needs no review", async () => {
    const { member, doc, active, human } = await conflictedProject();
    const resolved = active.content
      .split("\n")
      .filter((line) => !/^(<<<<<<<|=======|>>>>>>>)/.test(line) && line !== personsSummary)
      .join("\n");

    const unresolved = asMember(db, member, (ctx) =>
      resolveMerge(ctx, { documentId: doc.id, versionId: active.id, resolution: "accept" }),
    );
    await expect(unresolved).rejects.toBeInstanceOf(InvalidInputError);
    const accepted = await asMember(db, member, (ctx) =>
      resolveMerge(ctx, {
        documentId: doc.id,
        versionId: active.id,
        resolution: "accept",
        content: resolved,
      }),
    );

    expect(accepted).toMatchObject({
      version: 5,
      source: "merged",
      needsReview: false,
      active: true,
      agentParentId: active.agentParentId,
      humanParentId: human.id,
      baseVersionId: active.baseVersionId,
    });
    const after = await aboutDocument(db, member);
    expect(after.active.content).toBe(resolved);
    expect(after.versions.find((v) => v.id === active.id)?.content).toBe(active.content);
  });

  it("taking the agent's output or keeping the edit each make a new version; a stale merge id is a CONFLICT", async () => {
    const { member, doc, active, human } = await conflictedProject();
    const agent = await asMember(db, member, (ctx) =>
      resolveMerge(ctx, { documentId: doc.id, versionId: active.id, resolution: "agent" }),
    );
    expect(agent).toMatchObject({ version: 5, source: "agent", needsReview: false, active: true });
    expect((await aboutDocument(db, member)).active.content).toContain(agentsSummary);

    // The merge is no longer active: resolving it again would overwrite what the person chose.
    const again = asMember(db, member, (ctx) =>
      resolveMerge(ctx, { documentId: doc.id, versionId: active.id, resolution: "mine" }),
    );
    await expect(again).rejects.toBeInstanceOf(ConflictError);

    const { member: other, doc: otherDoc, active: otherMerge } = await conflictedProject();
    const mine = await asMember(db, other, (ctx) =>
      resolveMerge(ctx, { documentId: otherDoc.id, versionId: otherMerge.id, resolution: "mine" }),
    );
    expect(mine).toMatchObject({
      version: 5,
      source: "human",
      needsReview: false,
      humanParentId: expect.any(String),
    });
    const kept = await aboutDocument(db, other);
    expect(kept.active.content).toContain(personsSummary);
    expect(kept.active.content).not.toContain(agentsSummary);
    expect(human.source).toBe("human");
  });

  it("a retried resolve with the same idempotency key answers the first version, making no second", async () => {
    const { member, doc, active } = await conflictedProject();
    const input = {
      documentId: doc.id,
      versionId: active.id,
      resolution: "mine" as const,
      idempotencyKey: "k-1",
    };
    const first = await asMember(db, member, (ctx) => resolveMerge(ctx, input));
    const retried = await asMember(db, member, (ctx) => resolveMerge(ctx, input));

    expect(retried.id).toBe(first.id);
    expect((await aboutDocument(db, member)).versions).toHaveLength(5);
  });

  it("tenant B gets NOT_FOUND resolving tenant A's merge", async () => {
    const { doc, active } = await conflictedProject();
    const intruder = await memberWithProject(db);

    for (const input of [
      { documentId: doc.id, versionId: active.id, resolution: "agent" as const },
      { documentId: intruder.projectId, versionId: active.id, resolution: "mine" as const },
    ]) {
      await expect(asMember(db, intruder, (ctx) => resolveMerge(ctx, input))).rejects.toBeInstanceOf(
        NotFoundError,
      );
    }
  });
});
