import { answer, databaseTargets, hang, type Reply } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { validAboutOutput } from "../support/about-output.ts";
import { type FakeLlm, useServerOnFakeLlm } from "../support/fake-llm-server.ts";
import { finished, projectWithProgress, runToExecution } from "../support/progress.ts";
import { clientFor, expectTrpcError, provisionMember } from "../support/server.ts";

const idea =
  "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking and reviews.";
const invalid = (prompt: number, completion: number): Reply =>
  answer({ title: 42 }, { prompt_tokens: prompt, completion_tokens: completion });
/** The figures most tests below reason in: 1 M tokens a month, 150 k reserved for each run. */
const millionBudget150kRuns = { MONTHLY_TOKEN_BUDGET: "1000000", RUN_TOKEN_RESERVATION: "150000" };

describe.each(databaseTargets())("the monthly token budget ($name)", (target) => {
  const suite = useServerOnFakeLlm(target);
  let llm: FakeLlm | undefined;

  async function setUp(script: Reply[], env: Record<string, string>) {
    const started = await suite.start(script, env);
    llm = started.llm;
    const { server } = started;
    const client = clientFor(server.url, await provisionMember(suite.db, server.config, "editor"));
    const { project, progress } = await projectWithProgress(client, "Walkies");
    const run = () =>
      runToExecution(client, progress, { projectId: project.id, step: "about", input: { idea } });
    return { server, client, project, progress, run };
  }

  /** `times` runs one after another: each is accepted (and ends) or refused as over the budget. */
  async function runRepeatedly<T>(run: () => Promise<T>, times: number) {
    const accepted: T[] = [];
    let refused = 0;
    for (let i = 0; i < times; i++) {
      try {
        accepted.push(await run());
      } catch (error) {
        expect(error).toMatchObject({ data: { code: "FORBIDDEN", appCode: "QUOTA_EXCEEDED" } });
        refused++;
      }
    }
    return { accepted, refused };
  }

  it("a model that would answer at length stops at what its run has left, and the budget is never overspent", async () => {
    // Every answer would run to 1 M tokens (the budget): the server stops it at the call's cap. The
    // server counts the prompt at 500 tokens, no more than it is counted here.
    const { client, progress, run } = await setUp([invalid(500, 1_000_000)], millionBudget150kRuns);
    const { accepted, refused } = await runRepeatedly(run, 10);
    const requests = llm?.chatRequests() ?? [];
    const caps = requests.map((request) => request.body.max_tokens);
    const spentByModel = caps.reduce((total, cap) => total + 500 + cap, 0);
    const { budget } = await client.usage.get.query({});

    // One call per run: its answer was cut off at the cap, and it was not re-asked.
    expect(requests).toHaveLength(accepted.length);
    expect(accepted.map((e) => e.error?.code)).toEqual(accepted.map(() => "LLM_OUTPUT_TRUNCATED"));
    expect(accepted.map((e) => e.tokensOut)).toEqual(caps);
    for (const cap of caps) expect(cap).toBeGreaterThan(140_000);
    for (const e of accepted) expect(e.tokensIn + e.tokensOut).toBeLessThanOrEqual(150_000);
    expect(accepted.length + refused).toBe(10);
    expect(budget).toMatchObject({
      monthlyTokens: 1_000_000,
      spent: spentByModel,
      used: spentByModel,
      reserved: 0,
    });
    // Before the cap: the first answer alone spent 1,001,000 tokens of the 1 M budget.
    console.info(
      `token budget: ${accepted.length} runs spent ${spentByModel} of 1000000, ${Math.max(0, spentByModel - 1_000_000)} past it`,
    );
    expect(spentByModel).toBeLessThanOrEqual(1_000_000);
    progress.close();
  });

  it("a call whose counted prompt exceeds what its run has left is refused before it is sent", async () => {
    // The first answer leaves 500 of the 150 k reservation: less than the repair's prompt.
    const { client, progress, run } = await setUp(
      [invalid(140_000, 9_500), answer(validAboutOutput(idea))],
      millionBudget150kRuns,
    );
    const execution = await run();
    expect(execution).toMatchObject({ status: "failed", tokensIn: 140_000, tokensOut: 9_500 });
    expect(execution.error?.code).toBe("QUOTA_EXCEEDED");
    expect(execution.error?.message).toMatch(
      /the run has 500 tokens left of its reservation; it was not sent/,
    );
    expect(llm?.chatRequests()).toHaveLength(1);
    expect((await client.usage.get.query({})).budget).toMatchObject({ spent: 149_500, reserved: 0 });
    progress.close();
  });

  it("a reservation smaller than the first prompt sends nothing at all", async () => {
    const { client, progress, run } = await setUp([answer(validAboutOutput(idea))], {
      RUN_TOKEN_RESERVATION: "200",
    });
    const refused = await run();
    expect(refused).toMatchObject({ status: "failed", tokensIn: 0, tokensOut: 0 });
    expect(refused.error?.code).toBe("QUOTA_EXCEEDED");
    expect(llm?.chatRequests()).toHaveLength(0);
    expect((await client.usage.get.query({})).budget).toMatchObject({ spent: 0, reserved: 0 });
    progress.close();
  });

  it("a server that bills far more prompt than was sent stops the run after that call", async () => {
    // The audit's case: every answer is invalid and billed 600 k tokens, 500 k of them prompt,
    // for a prompt counted here at well under 1 k. The cap (about 149 k) bounds only the answer.
    const { client, progress, run } = await setUp([invalid(500_000, 100_000)], millionBudget150kRuns);
    const { accepted, refused } = await runRepeatedly(run, 5);
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
    // Past the budget by at most the one call that outgrew its run's reservation (before: 5 M): the
    // prompt tokens a server bills are not known before the call.
    expect(spentByModel - 1_000_000).toBeLessThanOrEqual(600_000);
    progress.close();
  });

  it("calls that fit their reservation never overspend the budget", async () => {
    // Invalid twice at 50 k tokens per answer: 100 k a run, 150 k reserved for each.
    const { client, progress, run } = await setUp([invalid(40_000, 10_000)], millionBudget150kRuns);
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
    // Every call, first and repair, carried its cap; none was reached.
    const caps = (llm?.chatRequests() ?? []).map((request) => request.body.max_tokens);
    expect(caps).toHaveLength(18);
    for (const cap of caps) expect(cap).toBeGreaterThan(10_000);
    expect(budget.spent).toBe(900_000);
    expect(budget.spent).toBeLessThanOrEqual(budget.monthlyTokens);
    progress.close();
  });

  it("usage shows a live run's reservation; a cancelled run releases it and still pays for its calls", async () => {
    // The first answer is invalid (60 k tokens), the repair never answers.
    const { server, client, project, progress } = await setUp(
      [invalid(50_000, 10_000), hang],
      millionBudget150kRuns,
    );
    const outsider = clientFor(server.url, await provisionMember(suite.db, server.config, "editor"));
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

  it("a repaired answer counts both calls; each call is capped, the repair at what the first left", async () => {
    const { client, run, progress } = await setUp(
      [invalid(1_000, 500), answer(validAboutOutput(idea), { prompt_tokens: 2_000, completion_tokens: 800 })],
      { RUN_TOKEN_RESERVATION: "150000", LLM_MAX_TOKENS_PARAM: "max_completion_tokens" },
    );
    const execution = await run();
    expect(execution).toMatchObject({ status: "succeeded", tokensIn: 3_000, tokensOut: 1_300 });
    expect((await client.usage.get.query({})).budget).toMatchObject({ spent: 4_300, reserved: 0 });

    const [first, repair] = (llm?.chatRequests() ?? []).map((request) => request.body);
    expect(first).not.toHaveProperty("max_tokens");
    expect(repair).not.toHaveProperty("max_tokens");
    // 150 k less the first prompt; then 1,500 fewer spent, and a longer prompt (the answer, the issues).
    expect(first.max_completion_tokens).toBeGreaterThan(140_000);
    expect(first.max_completion_tokens).toBeLessThan(150_000);
    expect(repair.max_completion_tokens).toBeLessThan(first.max_completion_tokens - 1_500);
    progress.close();
  });
});
