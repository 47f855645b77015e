import type { JeexClient } from "@jeex/client";
import { compareEventIds } from "@jeex/core/events";
import { databaseTargets, uniqueSlug } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { projectWithProgress, runAndWait, watchProgress } from "../support/progress.ts";
import {
  clientFor,
  expectEachTrpcError,
  expectTrpcError,
  startTestServer,
  type TestMember,
  useTestServer,
} from "../support/server.ts";

const idea = {
  idea: "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking of every walk and reviews.",
  audience: "Busy dog owners and independent dog walkers",
};

describe.each(databaseTargets())("the planning workflow on the template provider ($name)", (target) => {
  const suite = useTestServer(target);

  async function projectFor(member: TestMember) {
    const client = suite.client(member);
    const { project, progress } = await projectWithProgress(client, "Walkies");
    return { client, project, progress };
  }

  it("four steps produce the whole pack, with statuses, versions and progress events", async () => {
    const owner = await suite.member("editor");
    const { client, project, progress } = await projectFor(owner);
    const about = await runAndWait(client, progress, { projectId: project.id, step: "about", input: idea });
    for (const step of ["architecture", "plan", "specs"] as const) {
      await runAndWait(client, progress, { projectId: project.id, step });
    }
    progress.close();

    const docs = (await client.documents.list.query({ projectId: project.id })).items;
    const paths = docs.map((d) => d.path);
    expect(paths).toContain("docs/about.md");
    expect(paths).toContain("docs/architecture.md");
    expect(paths).toContain("docs/plans/overview.md");
    expect(paths).toContain("docs/specs.md");
    expect(paths.filter((p) => /^docs\/adr\/ADR-\d{3}-[a-z0-9-]+\.md$/.test(p)).length).toBeGreaterThan(0);
    const epics = paths.filter((p) => /^docs\/plans\/\d{2}-[a-z0-9-]+\.md$/.test(p)).sort();
    expect(epics.length).toBeGreaterThan(1);
    expect(epics.at(-1)).toMatch(/testing/);
    expect(docs.every((d) => d.version === 1 && d.source === "agent" && !d.stale)).toBe(true);
    expect(docs.every((d) => d.scores.wordCount > 0)).toBe(true);

    const aboutDoc = await client.documents.get.query({
      documentId: docs.find((d) => d.path === "docs/about.md")!.id,
    });
    expect(aboutDoc.version.content).toMatch(/Template draft/);
    expect(aboutDoc.version.content).toMatch(/walker/i);

    const status = await client.workflow.status.query({ projectId: project.id });
    expect(status.steps.map((s) => [s.step, s.status, s.activeVersion, s.stale])).toEqual([
      ["about", "succeeded", 1, false],
      ["architecture", "succeeded", 1, false],
      ["plan", "succeeded", 1, false],
      ["specs", "succeeded", 1, false],
    ]);
    const execution = await client.workflow.executions.get.query({ executionId: about });
    expect(execution).toMatchObject({
      status: "succeeded",
      provider: "template",
      model: "template-v1",
      attempts: 1,
    });
    expect((await client.workflow.executions.list.query({ projectId: project.id })).items).toHaveLength(4);

    const types = progress.received
      .filter((r) => "executionId" in r.event && r.event.executionId === about)
      .map((r) => r.event.type);
    expect(types[0]).toBe("execution.queued");
    expect(types).toContain("execution.started");
    expect(types).toContain("document.created");
    expect(types.at(-1)).toBe("execution.succeeded");
    const ids = progress.received.map((r) => r.id);
    expect([...ids].sort(compareEventIds)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("a re-run with feedback makes a new version and marks downstream stale; an edit is seen by the next run", async () => {
    const editor = await suite.member("editor");
    const { client, project, progress } = await projectFor(editor);
    await runAndWait(client, progress, { projectId: project.id, step: "about", input: idea });
    await runAndWait(client, progress, { projectId: project.id, step: "architecture" });
    await runAndWait(client, progress, { projectId: project.id, step: "plan" });

    await runAndWait(client, progress, {
      projectId: project.id,
      step: "architecture",
      feedback: "Use Postgres, not Mongo.",
    });
    const docs = (await client.documents.list.query({ projectId: project.id })).items;
    const architecture = docs.find((d) => d.path === "docs/architecture.md")!;
    expect(architecture.version).toBe(2);
    expect(docs.filter((d) => d.step === "plan").every((d) => d.stale)).toBe(true);
    const versions = await client.documents.versions.query({ documentId: architecture.id });
    expect(versions.items.map((v) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    const content = (await client.documents.get.query({ documentId: architecture.id })).version.content;
    expect(content).toMatch(/Postgres/);

    // A human edit of the about document: a new active version the next agent run reads.
    const about = docs.find((d) => d.path === "docs/about.md")!;
    const current = await client.documents.get.query({ documentId: about.id });
    const edited = `${current.version.content}\n\n## Key facts\n\n- Walkers must carry pet first-aid certification.\n`;
    const saved = await client.documents.saveEdit.mutate({
      documentId: about.id,
      baseVersionId: about.versionId,
      content: edited,
    });
    expect(saved).toMatchObject({
      version: 2,
      source: "human",
      active: true,
      baseVersionId: about.versionId,
    });
    const afterEdit = (await client.documents.list.query({ projectId: project.id })).items;
    expect(afterEdit.find((d) => d.path === "docs/architecture.md")!.stale).toBe(true);

    // An edit based on a version that is no longer active is a CONFLICT.
    await expectTrpcError(
      client.documents.saveEdit.mutate({
        documentId: about.id,
        baseVersionId: about.versionId,
        content: "stale edit",
      }),
      "CONFLICT",
    );

    const rerun = await runAndWait(client, progress, { projectId: project.id, step: "architecture" });
    const prompt = await client.workflow.executions.get.query({ executionId: rerun });
    expect(prompt.status).toBe("succeeded");
    const rewritten = (await client.documents.list.query({ projectId: project.id })).items;
    expect(rewritten.find((d) => d.path === "docs/architecture.md")).toMatchObject({
      version: 3,
      stale: false,
    });
    const diff = await client.documents.diff.query({ documentId: about.id, fromVersionId: about.versionId });
    if (diff.tooLarge) throw new Error(`a one-line edit must diff: ${diff.message}`);
    expect(diff.stats.additions).toBeGreaterThan(0);
    expect(diff.unified).toMatch(/\+- Walkers must carry pet first-aid certification\./);

    // Rolling about back to version 1 marks everything downstream stale again.
    await client.documents.activate.mutate({ documentId: about.id, versionId: about.versionId });
    const rolledBack = (await client.documents.list.query({ projectId: project.id })).items;
    expect(rolledBack.find((d) => d.path === "docs/about.md")!.version).toBe(1);
    expect(rolledBack.find((d) => d.path === "docs/architecture.md")!.stale).toBe(true);
    progress.close();
  });

  it("steps need their predecessors, the first about run needs the idea, and idempotency keys deduplicate", async () => {
    const editor = await suite.member("editor");
    const { client, project, progress } = await projectFor(editor);
    const run = (step: "about" | "architecture" | "plan", input?: typeof idea) =>
      client.workflow.runStep.mutate({ projectId: project.id, step, ...(input ? { input } : {}) });
    await expectTrpcError(run("plan"), "PRECONDITION_FAILED", "plan before its predecessors");
    await expectEachTrpcError("BAD_REQUEST", {
      "the first about run without the idea": () => run("about"),
      "architecture given an input": () => run("architecture", idea),
    });
    const key = uniqueSlug("idem");
    const first = await client.workflow.runStep.mutate({
      projectId: project.id,
      step: "about",
      input: idea,
      idempotencyKey: key,
    });
    const again = await client.workflow.runStep.mutate({
      projectId: project.id,
      step: "about",
      input: idea,
      idempotencyKey: key,
    });
    expect(again).toMatchObject({ executionId: first.executionId, deduplicated: true });
    await progress.until((events) => events.some((e) => e.event.type === "execution.succeeded"));
    expect((await client.workflow.executions.list.query({ projectId: project.id })).items).toHaveLength(1);
    progress.close();
  });

  it("a subscriber that reconnects with lastEventId gets every later event exactly once, in order", async () => {
    const editor = await suite.member("editor");
    const { client, project, progress } = await projectFor(editor);
    await runAndWait(client, progress, { projectId: project.id, step: "about", input: idea });
    const k = progress.received.length;
    expect(k).toBeGreaterThan(3);
    const cut = progress.received[1]!;
    progress.close();

    // Work goes on while nobody listens.
    await client.workflow.runStep.mutate({ projectId: project.id, step: "architecture" });
    const resumed = watchProgress(client, project.id, cut.id);
    await resumed.until((events) =>
      events.some((e) => e.event.type === "execution.succeeded" && e.event.step === "architecture"),
    );
    const ids = resumed.received.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, k - 2)).toEqual(progress.received.slice(2).map((r) => r.id));
    expect(resumed.received.at(-1)?.event.type).toBe("execution.succeeded");
    resumed.close();
  });

  it("viewers cannot run or edit; other tenants see nothing of the workflow", async () => {
    const [editor, viewer] = await suite.team("editor", "viewer");
    const outsider = await suite.member("owner");
    const { client, project, progress } = await projectFor(editor);
    const executionId = await runAndWait(client, progress, {
      projectId: project.id,
      step: "about",
      input: idea,
    });
    progress.close();
    const doc = (await client.documents.list.query({ projectId: project.id })).items[0]!;

    /** What only an editor may do to this project's workflow and documents. */
    const writes = (as: JeexClient) => ({
      "workflow.runStep": () =>
        as.workflow.runStep.mutate({ projectId: project.id, step: "about", input: idea }),
      "workflow.cancel": () => as.workflow.cancel.mutate({ executionId }),
      "documents.saveEdit": () =>
        as.documents.saveEdit.mutate({ documentId: doc.id, baseVersionId: doc.versionId, content: "x" }),
      "documents.activate": () =>
        as.documents.activate.mutate({ documentId: doc.id, versionId: doc.versionId }),
    });

    const asViewer = suite.client(viewer);
    expect((await asViewer.documents.list.query({ projectId: project.id })).items).toHaveLength(1);
    await expectEachTrpcError("FORBIDDEN", writes(asViewer));

    const asOutsider = suite.client(outsider);
    await expectEachTrpcError("NOT_FOUND", {
      ...writes(asOutsider),
      "workflow.status": () => asOutsider.workflow.status.query({ projectId: project.id }),
      "workflow.executions.get": () => asOutsider.workflow.executions.get.query({ executionId }),
      "workflow.executions.list": () => asOutsider.workflow.executions.list.query({ projectId: project.id }),
      "documents.list": () => asOutsider.documents.list.query({ projectId: project.id }),
      "documents.get": () => asOutsider.documents.get.query({ documentId: doc.id }),
      "documents.versions": () => asOutsider.documents.versions.query({ documentId: doc.id }),
      "documents.diff": () =>
        asOutsider.documents.diff.query({ documentId: doc.id, fromVersionId: doc.versionId }),
      "usage.get": () => asOutsider.usage.get.query({ projectId: project.id }),
    });
    const stream = watchProgress(asOutsider, project.id);
    await expect(stream.until(() => false, 3000)).rejects.toThrow();
    expect(stream.received).toEqual([]);
    stream.close();
  });

  it("usage reports the month's tokens and the budget; an exhausted budget refuses new runs", async () => {
    const editor = await suite.member("editor");
    const { client, project, progress } = await projectFor(editor);
    const usage = await client.usage.get.query({ projectId: project.id });
    expect(usage.budget).toMatchObject({ monthlyTokens: suite.config.workflow.monthlyTokenBudget, used: 0 });
    const broke = await startTestServer(suite.db, {
      RATE_LIMITS_ENABLED: "false",
      MONTHLY_TOKEN_BUDGET: "0",
    });
    try {
      const poor = clientFor(broke.url, editor);
      const error = await expectTrpcError(
        poor.workflow.runStep.mutate({ projectId: project.id, step: "about", input: idea }),
        "FORBIDDEN",
      );
      expect((error.data as unknown as { appCode: string }).appCode).toBe("QUOTA_EXCEEDED");
    } finally {
      await broke.stop();
      progress.close();
    }
  });
});
