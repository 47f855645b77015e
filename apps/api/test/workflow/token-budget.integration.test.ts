import type { Database } from "@jeex/db/client";
import { databaseTargets } from "@jeex/db/testing/databases";
import { answer, hang, type Reply, startFakeOpenAiServer } from "@jeex/db/testing/openai-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { validAboutOutput } from "../support/about-output.ts";
import { finished, runAndWait, watchProgress } from "../support/progress.ts";
import { clientFor, expectTrpcError, provisionMember, startTestServer } from "../support/server.ts";

const idea =
  "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking and reviews.";
const invalid = (prompt: number, completion: number): Reply =>
  answer({ title: 42 }, { prompt_tokens: prompt, completion_tokens: completion });

describe.each(databaseTargets())("the monthly token budget ($name)", (target) => {
  let db: Database;
  let llm: Awaited<ReturnType<typeof startFakeOpenAiServer>> | undefined;
  let api: Awaited<ReturnType<typeof startTestServer>> | undefined;

  beforeAll(async () => {
    db = await target.open();
  });
  afterEach(async () => {
    await api?.stop();
    await llm?.close();
  });
  afterAll(() => db.close());

  async function setUp(script: Reply[], env: Record<string, string>) {
    llm = await startFakeOpenAiServer({ replies: script });
    const server = await startTestServer(db, {
      RATE_LIMITS_ENABLED: "false",
      LLM_PROVIDER: "openai-compatible",
      LLM_BASE_URL: llm.baseUrl,
      LLM_MODEL: "small-model",
      LLM_RETRIES: "0",
      ...env,
    });
    api = server;
    const client = clientFor(server.url, await provisionMember(db, server.config, "editor"));
    const project = await client.projects.create.mutate({ name: "Walkies" });
    const progress = watchProgress(client, project.id);
    await progress.opened;
    const run = async () => {
      const executionId = await runAndWait(client, progress, {
        projectId: project.id,
        step: "about",
        input: { idea },
      });
      return client.workflow.executions.get.query({ executionId });
    };
    return { server, client, project, progress, run };
  }

  it("answers that fail validation are paid for, and runs stop once the budget is spent", async () => {
    // The measured case: every answer is invalid and costs 600 k tokens; the budget is 1 M.
    const { client, progress, run } = await setUp([invalid(500_000, 100_000)], {
      MONTHLY_TOKEN_BUDGET: "1000000",
      RUN_TOKEN_RESERVATION: "150000",
    });
    const accepted = [];
    let refused = 0;
    for (let i = 0; i < 5; i++) {
      try {
        accepted.push(await run());
      } catch (error) {
        expect(error).toMatchObject({ data: { code: "FORBIDDEN", appCode: "QUOTA_EXCEEDED" } });
        refused++;
      }
    }
    const spentByModel = (llm?.requests.length ?? 0) * 600_000;
    const { budget } = await client.usage.get.query({});

    // One answer already used the run's whole reservation: no repair was asked for.
    expect(accepted.map((e) => e.error?.code)).toEqual([
      "TOKEN_RESERVATION_SPENT",
      "TOKEN_RESERVATION_SPENT",
    ]);
    expect(accepted.map((e) => e.tokensIn + e.tokensOut)).toEqual([600_000, 600_000]);
    expect(refused).toBe(3);
    expect(budget).toMatchObject({ monthlyTokens: 1_000_000, spent: spentByModel, used: spentByModel });
    expect(budget).toMatchObject({ reserved: 0, remaining: 0 });
    // Past the budget by at most the one call that outgrew its run's reservation (before: 5 M).
    expect(spentByModel - 1_000_000).toBeLessThanOrEqual(600_000);
    progress.close();
  });

  it("calls that fit their reservation never overspend the budget", async () => {
    // Invalid twice at 50 k tokens per answer: 100 k a run, 150 k reserved for each.
    const { client, progress, run } = await setUp([invalid(40_000, 10_000)], {
      MONTHLY_TOKEN_BUDGET: "1000000",
      RUN_TOKEN_RESERVATION: "150000",
    });
    let accepted = 0;
    for (;;) {
      try {
        expect((await run()).error?.code).toBe("LLM_OUTPUT_INVALID");
        accepted++;
      } catch (error) {
        expect(error).toMatchObject({ data: { code: "FORBIDDEN", appCode: "QUOTA_EXCEEDED" } });
        break;
      }
    }
    const { budget } = await client.usage.get.query({});
    expect(accepted).toBe(9);
    expect(budget.spent).toBe(900_000);
    expect(budget.spent).toBeLessThanOrEqual(budget.monthlyTokens);
    progress.close();
  });

  it("usage shows a live run's reservation; a cancelled run releases it and still pays for its calls", async () => {
    // The first answer is invalid (60 k tokens), the repair never answers.
    const { server, client, project, progress } = await setUp([invalid(50_000, 10_000), hang], {
      MONTHLY_TOKEN_BUDGET: "1000000",
      RUN_TOKEN_RESERVATION: "150000",
    });
    const outsider = clientFor(server.url, await provisionMember(db, server.config, "editor"));
    const { executionId } = await client.workflow.runStep.mutate({
      projectId: project.id,
      step: "about",
      input: { idea },
    });
    while ((llm?.requests.length ?? 0) < 2) await new Promise((resolve) => setTimeout(resolve, 20));

    expect((await client.usage.get.query({ projectId: project.id })).budget).toMatchObject({
      spent: 0,
      reserved: 150_000,
      remaining: 850_000,
    });
    // Another tenant's budget knows nothing of it, and its project is NOT_FOUND here.
    expect((await outsider.usage.get.query({})).budget).toMatchObject({ spent: 0, reserved: 0 });
    await expectTrpcError(outsider.usage.get.query({ projectId: project.id }), "NOT_FOUND");

    await client.workflow.cancel.mutate({ executionId });
    await progress.until(finished(executionId));
    let usage = await client.usage.get.query({ projectId: project.id });
    for (let i = 0; i < 100 && usage.budget.spent === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      usage = await client.usage.get.query({ projectId: project.id });
    }
    expect(usage.budget).toMatchObject({ spent: 60_000, reserved: 0, remaining: 940_000 });
    expect(usage.project).toMatchObject({ tokensIn: 50_000, tokensOut: 10_000, executions: 1 });
    const execution = await client.workflow.executions.get.query({ executionId });
    expect(execution).toMatchObject({ status: "cancelled", tokensIn: 50_000, tokensOut: 10_000 });
    progress.close();
  });

  it("a repaired answer counts both calls", async () => {
    const { client, run, progress } = await setUp(
      [invalid(1_000, 500), answer(validAboutOutput(idea), { prompt_tokens: 2_000, completion_tokens: 800 })],
      {},
    );
    const execution = await run();
    expect(execution).toMatchObject({ status: "succeeded", tokensIn: 3_000, tokensOut: 1_300 });
    expect((await client.usage.get.query({})).budget).toMatchObject({ spent: 4_300, reserved: 0 });
    progress.close();
  });
});
