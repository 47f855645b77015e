import type { JeexClient } from "@jeex/client";
import type { Database } from "@jeex/db/client";
import { databaseTargets } from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAndWait, projectWithSteps } from "../exports/support/pack.ts";
import { runAndWait, type watchProgress } from "../support/progress.ts";
import { provisionMember, startTestServer } from "../support/server.ts";

/**
 * Liveness, not a benchmark: while a tenant's pathological document is saved, indexed, drafted
 * from, diffed and exported, `/healthz` (polled every 50 ms) keeps answering. Before the fix one
 * such document held the event loop for over 15 s (74 s in the issue). The bound leaves room for
 * a shared 2-core machine: at load average 17 the worst gap seen after the fix was 0.97 s.
 */
const LIVENESS_BOUND_MS = 2_000;
const MAX_DOCUMENT = 500_000;
const marker = "Pathological marker paragraph for memory.";

/**
 * Exactly the largest document a save accepts: a readable head, then `unit` repeated, ending in
 * "x" so that no trim removes the run.
 */
const fill = (head: string, unit: string) => {
  const body = `${head}\n\n${marker}\n\n`;
  const units = unit.repeat(Math.ceil((MAX_DOCUMENT - body.length) / unit.length));
  return `${(body + units).slice(0, MAX_DOCUMENT - 1)}x`;
};

const pathological: Record<string, string> = {
  "a line of spaces": fill("# Summary", " "),
  "a heading line of spaces": fill(`# Summary\n\n${marker}\n\n##`, " "),
  "deep heading runs": fill("# Summary", "###### # # # #  #\n"),
  "tags and links without closers": fill("# Summary", "<[![a](<["),
  "emphasis without closers": fill("# Goals", "**a __b *c `d "),
  "a huge table": fill(
    "# Stack\n\n| Area | Choice | Why | Trade-offs |\n| --- | --- | --- | --- |",
    "| a | b\\| | c | d; e |\n",
  ),
  "trailing blanks on every line": fill("# Goals", `- goal${" \t".repeat(200)}\n`),
  "list markers before blank runs": fill("# Goals", `-${" ".repeat(2_000)}\r\n`),
};

/** Runs `work` while polling `/healthz` every 50 ms; the worst gap between answers, in ms. */
async function worstHealthGap<T>(url: string, work: () => Promise<T>) {
  let worstMs = 0;
  let last = performance.now();
  let running = true;
  const poller = (async () => {
    while (running) {
      const response = await fetch(`${url}/healthz`);
      expect(response.status).toBe(200);
      const now = performance.now();
      worstMs = Math.max(worstMs, now - last);
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    const result = await work();
    return { result, worstMs };
  } finally {
    running = false;
    await poller;
    worstMs = Math.max(worstMs, performance.now() - last);
  }
}

describe.each(databaseTargets())("hostile documents cannot stall the event loop ($name)", (target) => {
  let db: Database;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let client: JeexClient;
  let projectId: string;
  let progress: ReturnType<typeof watchProgress>;
  const gaps: Record<string, number> = {};

  beforeAll(async () => {
    db = await target.open();
    server = await startTestServer(db, { RATE_LIMITS_ENABLED: "false" });
    const owner = await provisionMember(db, server.config, "owner");
    ({ client, progress } = await projectWithSteps(server.url, owner));
    projectId = (await client.projects.list.query({})).items[0]?.id ?? "";
  }, 180_000);
  afterAll(async () => {
    // The numbers the issue asks for, per case (worst gap between /healthz answers).
    console.info(`worst /healthz gap on ${target.name}:`, gaps);
    progress?.close();
    await server?.stop();
    await db?.close();
  });

  const aboutDocument = async () => {
    const docs = (await client.documents.list.query({ projectId })).items;
    const about = docs.find((doc) => doc.path === "docs/about.md");
    if (!about) throw new Error("no about document");
    return about;
  };

  /** Saves `content` as the about document's next version. */
  const saveAbout = async (content: string) => {
    const about = await aboutDocument();
    return client.documents.saveEdit.mutate({
      documentId: about.id,
      baseVersionId: about.versionId,
      content,
    });
  };

  /** Memory has indexed `version` of the about document (the index job ran). */
  const indexed = async (version: number) => {
    for (let attempt = 0; attempt < 300; attempt++) {
      // Only the about document: other documents may outrank a chunk that is mostly noise.
      const { hits } = await client.memory.search.query({
        projectId,
        query: marker,
        limit: 50,
        types: ["about"],
      });
      if (hits.some((hit) => hit.path === "docs/about.md" && hit.version === version)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`version ${version} was never indexed`);
  };

  for (const [name, content] of Object.entries(pathological)) {
    it(`saving and indexing ${name} (500 KB)`, { timeout: 120_000 }, async () => {
      expect(content.length).toBe(MAX_DOCUMENT);
      const { result, worstMs } = await worstHealthGap(server.url, async () => {
        const saved = await saveAbout(content);
        await indexed(saved.version);
        return saved;
      });
      gaps[`save+index: ${name}`] = Math.round(worstMs);
      expect(result.scores.wordCount).toBeGreaterThan(0);
      expect(worstMs).toBeLessThan(LIVENESS_BOUND_MS);
    });
  }

  it("drafting the next step from a pathological about.md", { timeout: 120_000 }, async () => {
    await saveAbout(pathological["a heading line of spaces"] as string);
    const { result: executionId, worstMs } = await worstHealthGap(server.url, () =>
      runAndWait(client, progress, {
        projectId,
        step: "architecture",
        // A runaway "use …" directive as well (it once broke the draft's schema).
        feedback: `use ${"a ".repeat(2_000)}`,
      }),
    );
    gaps["step drafting"] = Math.round(worstMs);
    const execution = await client.workflow.executions.get.query({ executionId });
    expect({ status: execution.status, error: execution.error }).toEqual({
      status: "succeeded",
      error: null,
    });
    expect(worstMs).toBeLessThan(LIVENESS_BOUND_MS);
  });

  it("diffing two unrelated 6,000-line versions answers 'too different'", { timeout: 120_000 }, async () => {
    const rewrite = (word: string) =>
      Array.from({ length: 6_000 }, (_, i) => `${word} ${i}: ${"text ".repeat(i % 12)}`).join("\n");
    const first = await saveAbout(rewrite("alpha"));
    await saveAbout(rewrite("omega"));
    const about = await aboutDocument();
    const { result, worstMs } = await worstHealthGap(server.url, () =>
      client.documents.diff.query({ documentId: about.id, fromVersionId: first.id }),
    );
    gaps["diff of 6,000-line rewrites"] = Math.round(worstMs);
    expect(result).toMatchObject({
      tooLarge: true,
      message: expect.stringMatching(/too different|differ in more/),
    });
    expect(worstMs).toBeLessThan(LIVENESS_BOUND_MS);
  });

  it("exporting a pack with a pathological document", { timeout: 120_000 }, async () => {
    await saveAbout(pathological["tags and links without closers"] as string);
    const { result, worstMs } = await worstHealthGap(server.url, () =>
      exportAndWait(client, progress, projectId),
    );
    gaps.export = Math.round(worstMs);
    expect(result.status).toBe("succeeded");
    expect(worstMs).toBeLessThan(LIVENESS_BOUND_MS);
  });
});
