import { tokenCounterFor } from "@jeex/core/llm";
import type { Database } from "@jeex/db/client";
import { answer, databaseTargets, startFakeOpenAiServer, uniqueSlug } from "@jeex/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { validAboutOutput } from "../support/about-output.ts";
import { fakeLlmEnv } from "../support/fake-llm-server.ts";
import { runAndWait, watchProgress } from "../support/progress.ts";
import { clientFor, expectTrpcError, provisionMember, startTestServer } from "../support/server.ts";

const idea =
  "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking and reviews.";
const prices = { "gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6 } };
/** The about step of `projectId` with the idea: what is estimated, and then run. */
const aboutOf = (projectId: string) => ({ projectId, step: "about" as const, input: { idea } });

describe.each(databaseTargets())("workflow.estimate ($name)", (target) => {
  let db: Database;
  let api: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let llm: Awaited<ReturnType<typeof startFakeOpenAiServer>> | undefined;

  beforeAll(async () => {
    db = await target.open();
  });
  afterEach(async () => {
    await api?.stop();
    await llm?.close();
    api = undefined;
    llm = undefined;
  });
  afterAll(() => db.close());

  async function start(env: Record<string, string>) {
    api = await startTestServer(db, env);
    const tenantSlug = uniqueSlug("estimate");
    const editor = await provisionMember(db, api.config, "editor", tenantSlug);
    const client = clientFor(api.url, editor);
    const project = await client.projects.create.mutate({ name: "Walkies" });
    return { server: api, tenantSlug, client, project };
  }

  async function startWithModel(env: Record<string, string> = {}, completionTokens = 1_234) {
    llm = await startFakeOpenAiServer({
      replies: [answer(validAboutOutput(idea), { prompt_tokens: 900, completion_tokens: completionTokens })],
    });
    return start({
      ...fakeLlmEnv(llm, "gpt-4o-mini"),
      LLM_PRICES: JSON.stringify(prices),
      ...env,
    });
  }

  it("on embedded defaults counts the prompt and answers zero cost and no charge", async () => {
    const { client, project } = await start({});
    const estimate = await client.workflow.estimate.query(aboutOf(project.id));
    expect(estimate).toMatchObject({
      step: "about",
      provider: "template",
      model: "template-v1",
      counting: { encoding: "o200k_base", exact: false },
      outputTokens: { basis: "default", samples: 0 },
      billedTokens: { low: 0, expected: 0, high: 0 },
      costUsd: { low: 0, expected: 0, high: 0 },
      priced: false,
      budget: { fits: true, refusal: null },
    });
    // The instructions alone are a few hundred tokens; the idea adds to them.
    expect(estimate.inputTokens).toBeGreaterThan(300);
    const longer = await client.workflow.estimate.query({
      projectId: project.id,
      step: "about",
      input: { idea: `${idea} ${"It also handles payments and invoices for walkers. ".repeat(20)}` },
    });
    expect(longer.inputTokens).toBeGreaterThan(estimate.inputTokens + 150);
  });

  it("counts exactly the prompt the worker then sends to an OpenAI-compatible server", async () => {
    const { client, project } = await startWithModel();
    const estimate = await client.workflow.estimate.query(aboutOf(project.id));
    expect(estimate).toMatchObject({
      provider: "openai-compatible",
      model: "gpt-4o-mini",
      counting: { encoding: "o200k_base", exact: true },
      priced: true,
      outputTokens: { basis: "default", low: 800, expected: 1_500, high: 3_000 },
    });

    const progress = watchProgress(client, project.id);
    await progress.opened;
    await runAndWait(client, progress, aboutOf(project.id));
    progress.close();
    const sent = llm?.requests[0]?.body as unknown as {
      messages: { content: string }[];
      response_format: { json_schema: { schema: unknown } };
    };
    // Counted with the same tokenizer (its own test checks it against gpt-tokenizer's encodings).
    const { count } = await tokenCounterFor("gpt-4o-mini");
    const counted =
      sent.messages.reduce((sum, message) => sum + count(message.content), 0) +
      count(JSON.stringify(sent.response_format.json_schema.schema)) +
      3 * sent.messages.length +
      3;
    expect(estimate.inputTokens).toBe(counted);
    expect(estimate.billedTokens.expected).toBe(estimate.inputTokens + 1_500);
    expect(estimate.costUsd.expected).toBeCloseTo((estimate.inputTokens * 0.15 + 1_500 * 0.6) / 1e6, 10);

    // The run's 1 234 output tokens are now the project's history of the step.
    const again = await client.workflow.estimate.query({ projectId: project.id, step: "about" });
    expect(again.outputTokens).toEqual({
      low: 1_234,
      expected: 1_234,
      high: 1_234,
      basis: "project",
      samples: 1,
    });
    expect(again.budget.spent).toBe(900 + 1_234);
    // Another project of the tenant has no run of its own: the tenant's history answers.
    const other = await client.projects.create.mutate({ name: "Other" });
    const fromTenant = await client.workflow.estimate.query(aboutOf(other.id));
    expect(fromTenant.outputTokens).toMatchObject({ basis: "tenant", samples: 1, expected: 1_234 });
  });

  it("refuses, before queuing, a run whose estimate exceeds what the budget has left", async () => {
    // The reservation fits; the expected spend (the prompt plus 1 500 output tokens) does not.
    const { client, project } = await startWithModel({
      MONTHLY_TOKEN_BUDGET: "1600",
      RUN_TOKEN_RESERVATION: "100",
    });
    const estimate = await client.workflow.estimate.query(aboutOf(project.id));
    expect(estimate.budget).toMatchObject({ monthlyTokens: 1_600, remaining: 1_600, fits: false });
    expect(estimate.budget.refusal).toMatch(/expected to spend about \d+ tokens/);

    const refused = await expectTrpcError(client.workflow.runStep.mutate(aboutOf(project.id)), "FORBIDDEN");
    expect(refused.data).toMatchObject({ appCode: "QUOTA_EXCEEDED" });
    expect(refused.message).toBe(estimate.budget.refusal);
    expect((await client.workflow.executions.list.query({ projectId: project.id })).items).toEqual([]);
    expect(llm?.requests).toEqual([]);
  });

  it("answers viewers, refuses runs that cannot start, and hides other tenants' projects", async () => {
    const { server, client, project, tenantSlug } = await start({});
    const viewer = await provisionMember(db, server.config, "viewer");
    await expectTrpcError(
      clientFor(server.url, viewer).workflow.estimate.query(aboutOf(project.id)),
      "NOT_FOUND",
    );
    const sameTenantViewer = await provisionMember(db, server.config, "viewer", tenantSlug);
    const asViewer = clientFor(server.url, sameTenantViewer);
    await expect(asViewer.workflow.estimate.query(aboutOf(project.id))).resolves.toMatchObject({
      step: "about",
    });

    await expectTrpcError(
      client.workflow.estimate.query({ projectId: project.id, step: "about" }),
      "BAD_REQUEST",
    );
    await expectTrpcError(
      client.workflow.estimate.query({ projectId: project.id, step: "architecture" }),
      "PRECONDITION_FAILED",
    );
    const invalid = await expectTrpcError(
      client.workflow.estimate.query({ projectId: project.id, step: "plan", input: { idea } }),
      "BAD_REQUEST",
    );
    expect(invalid.data).toMatchObject({ issues: [expect.objectContaining({ path: "input" })] });
  });
});
