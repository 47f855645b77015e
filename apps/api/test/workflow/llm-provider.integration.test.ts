import { answer, databaseTargets, hang, type Reply, status } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { validAboutOutput } from "../support/about-output.ts";
import { type FakeLlm, useServerOnFakeLlm } from "../support/fake-llm-server.ts";
import { finished, projectWithProgress, runAndWait } from "../support/progress.ts";
import { clientFor, provisionMember } from "../support/server.ts";

const idea =
  "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking and reviews.";

describe.each(databaseTargets())("workflow on an OpenAI-compatible endpoint ($name)", (target) => {
  const suite = useServerOnFakeLlm(target);
  let llm: FakeLlm | undefined;

  async function setUp(script: Reply[]) {
    const started = await suite.start(script, {
      LLM_MODEL_ABOUT: "about-model",
      LLM_TIMEOUT_MS: "30000",
      LLM_PRICES: JSON.stringify({ "about-model": { inputPerMillion: 1, outputPerMillion: 2 } }),
    });
    llm = started.llm;
    const member = await provisionMember(suite.db, started.server.config, "editor");
    const client = clientFor(started.server.url, member);
    const { project, progress } = await projectWithProgress(client, "Walkies");
    return { client, project, progress };
  }

  it("a valid answer becomes documents, with tokens and cost recorded", async () => {
    const { client, project, progress } = await setUp([
      answer(validAboutOutput(idea), { prompt_tokens: 100, completion_tokens: 50 }),
    ]);
    const executionId = await runAndWait(client, progress, {
      projectId: project.id,
      step: "about",
      input: { idea },
    });
    const execution = await client.workflow.executions.get.query({ executionId });
    expect(execution).toMatchObject({
      status: "succeeded",
      provider: "openai-compatible",
      model: "about-model",
      tokensIn: 100,
      tokensOut: 50,
    });
    expect(execution.costUsd).toBeCloseTo((100 * 1 + 50 * 2) / 1_000_000, 9);
    expect(llm?.requests[0]?.body.model).toBe("about-model");
    const about = (await client.documents.list.query({ projectId: project.id })).items.find(
      (d) => d.path === "docs/about.md",
    );
    const content = (await client.documents.get.query({ documentId: about!.id })).version.content;
    expect(content).not.toMatch(/Template draft/);
    expect((await client.usage.get.query({ projectId: project.id })).project).toMatchObject({
      tokensIn: 100,
      tokensOut: 50,
    });
    progress.close();
  });

  it("an answer invalid twice fails the execution with the errors and writes no document", async () => {
    const { client, project, progress } = await setUp([answer({ title: 42 })]);
    const executionId = await runAndWait(client, progress, {
      projectId: project.id,
      step: "about",
      input: { idea },
    });
    const execution = await client.workflow.executions.get.query({ executionId });
    expect(execution.status).toBe("failed");
    expect(execution.error?.code).toBe("LLM_OUTPUT_INVALID");
    expect(JSON.stringify(execution.error?.issues)).toMatch(/title/);
    expect(execution.tokensIn).toBe(200);
    expect(llm?.requests).toHaveLength(2);
    expect((await client.documents.list.query({ projectId: project.id })).items).toEqual([]);
    const failed = progress.received.find((r) => r.event.type === "execution.failed");
    expect(failed?.event).toMatchObject({ error: { code: "LLM_OUTPUT_INVALID" } });
    progress.close();
  });

  it("a run cancelled while the model works ends cancelled and writes nothing", async () => {
    const { client, project, progress } = await setUp([hang]);
    const { executionId } = await client.workflow.runStep.mutate({
      projectId: project.id,
      step: "about",
      input: { idea },
    });
    await progress.until((events) => events.some((e) => e.event.type === "execution.started"));
    await client.workflow.cancel.mutate({ executionId });
    await progress.until(finished(executionId));
    expect((await client.workflow.executions.get.query({ executionId })).status).toBe("cancelled");
    expect(progress.received.at(-1)?.event.type).toBe("execution.cancelled");
    await expect(client.workflow.cancel.mutate({ executionId })).rejects.toMatchObject({
      data: { code: "PRECONDITION_FAILED" },
    });
    expect((await client.documents.list.query({ projectId: project.id })).items).toEqual([]);
    progress.close();
  });

  it("a rejected request (401) fails the run at once with the provider's error", async () => {
    const { client, project, progress } = await setUp([status(401)]);
    const executionId = await runAndWait(client, progress, {
      projectId: project.id,
      step: "about",
      input: { idea },
    });
    const execution = await client.workflow.executions.get.query({ executionId });
    expect(execution).toMatchObject({ status: "failed", error: { code: "LLM_REQUEST_REJECTED" } });
    expect(llm?.requests).toHaveLength(1);
    progress.close();
  });
});
