import { runTextWork } from "@jeex/core/text-work";
import { answer, databaseTargets, type FakeOpenAiServer, startFakeOpenAiServer } from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validAboutOutput } from "../support/about-output.ts";
import { fakeLlmEnv } from "../support/fake-llm-server.ts";
import { useTestServer } from "../support/server.ts";

const idea = "A tool library for one street: neighbours lend drills, ladders and tents to each other.";
const about = (projectId: string) => ({ projectId, step: "about" as const, input: { idea } });
const lines = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => `${prefix} line ${i} ${"x".repeat(i % 40)}`).join("\n");

/** Fills both text-work threads for about `ms` with diffs ended at that deadline. */
function occupyTextWorkThreads(ms: number) {
  const endless = {
    path: "busy.md",
    from: { version: 1, content: lines(20_000, "old") },
    to: { version: 2, content: lines(20_000, "new") },
    limits: { maxEditLines: 1_000_000, timeoutMs: 600_000 },
  };
  return Promise.allSettled([1, 2].map(() => runTextWork("diffVersions", endless, undefined, ms)));
}

/**
 * Counting a prompt's tokens waits for the text-work threads; it must not hold the caller's tenant
 * transaction (a pooled connection, and on the embedded database the only one) while it waits.
 */
describe.each(databaseTargets())("prompt counting outside the tenant transaction ($name)", (target) => {
  // A model that bills, so runStep counts its prompt before queueing; started before the server.
  let llm: FakeOpenAiServer | undefined;
  beforeAll(async () => {
    llm = await startFakeOpenAiServer({ replies: [answer(validAboutOutput(idea))] });
  });
  const suite = useTestServer(target, () => {
    if (!llm) throw new Error("the fake model server starts first");
    return fakeLlmEnv(llm, "gpt-4o-mini");
  });
  afterAll(async () => {
    await llm?.close();
  });

  for (const call of ["workflow.estimate", "workflow.runStep"] as const) {
    it(`another tenant's projects.list answers while ${call} waits for a busy pool`, async () => {
      const caller = suite.client(await suite.member("editor"));
      const other = suite.client(await suite.member("editor"));
      const project = await caller.projects.create.mutate({ name: "Tools" });
      await other.projects.create.mutate({ name: "Elsewhere" });

      const busy = occupyTextWorkThreads(2_000);
      let callerAnswered = false;
      const counting = (
        call === "workflow.estimate"
          ? caller.workflow.estimate.query(about(project.id))
          : caller.workflow.runStep.mutate(about(project.id))
      ).finally(() => {
        callerAnswered = true;
      });
      // Let the call reach the pool queue before the other tenant asks.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const page = await other.projects.list.query({ limit: 10 });
      // Before, the list waited for the caller's transaction, so for the pool: it answered after.
      const listAnsweredFirst = !callerAnswered;
      await counting;
      await busy;

      expect(page.items.map((p) => p.name)).toEqual(["Elsewhere"]);
      expect(listAnsweredFirst).toBe(true);
    }, 60_000);
  }
});
