import { answer, databaseTargets, type RecordedRequest, startFakeOpenAiServer } from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validAboutOutput } from "../support/about-output.ts";
import { fakeLlmEnv } from "../support/fake-llm-server.ts";
import { projectWithProgress, runAndWait } from "../support/progress.ts";
import { useTestServer } from "../support/server.ts";
import { eventually } from "./support/eventually.ts";

const idea =
  "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking and reviews.";

describe.each(databaseTargets())("project memory in the agents' context ($name)", (target) => {
  let llm: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
  beforeAll(async () => {
    // The about step gets a valid answer; later steps an invalid one — only their prompts matter here.
    llm = await startFakeOpenAiServer({ replies: [answer(validAboutOutput(idea)), answer({ title: 42 })] });
  });
  afterAll(() => llm.close());
  const suite = useTestServer(target, () => fakeLlmEnv(llm, "test-model"));

  const promptOf = (request: RecordedRequest | undefined): string =>
    request?.body.messages.find((message: { role: string }) => message.role === "user")?.content ?? "";

  it("step 1 has no memory; step 2 gets the top chunks of the indexed about document, with scores", async () => {
    const client = suite.client(await suite.member("editor"));
    const { project, progress } = await projectWithProgress(client, "Walkies");
    await runAndWait(client, progress, { projectId: project.id, step: "about", input: { idea } });
    expect(promptOf(llm.requests[0])).not.toContain("# Project memory");

    await eventually(
      () => client.memory.search.query({ projectId: project.id, query: "walkers" }),
      (result) => result.hits.some((hit) => hit.path === "docs/about.md"),
    );
    const asked = llm.requests.length;
    await runAndWait(client, progress, { projectId: project.id, step: "architecture" });
    progress.close();

    const prompt = promptOf(llm.requests[asked]);
    const memory = prompt.split("# Project memory")[1]?.split("\n# ")[0] ?? "";
    const excerpts = memory.split("\n").filter((line) => line.startsWith("- (docs/about.md, relevance "));
    expect(excerpts.length).toBeGreaterThan(0);
    expect(excerpts.length).toBeLessThanOrEqual(5);
  });
});
