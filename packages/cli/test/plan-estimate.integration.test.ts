import { createJeexClient } from "@jeex/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import "./support/provided-context.ts";
import { type StartedApi, startApi } from "./support/api-server.ts";
import { cliUser } from "./support/run-cli.ts";

const IDEA = "An app that matches dog owners with trusted walkers nearby";

interface PlanOutput {
  steps: {
    step: string;
    estimate: { provider: string; inputTokens: number; billedTokens: { expected: number } };
  }[];
}

describe("jeex plan shows each step's estimate before starting it", () => {
  it("on the template provider: tokens counted, no charge, then the step runs", async () => {
    const api = inject("api");
    const user = cliUser({ JEEX_URL: api.url, JEEX_API_KEY: api.credentials.apiKey });
    const created = await user.json<{ id: string }>("projects", "create", "--name", "Estimated");
    const human = await user.run("plan", "--project", created.body.id, "--idea", IDEA, "--steps", "about");
    expect(human.code, human.stderr).toBe(0);
    const lines = human.stdout.split("\n");
    const estimateLine = lines.findIndex((line) =>
      /^… about: [\d,]+ input tokens \(o200k_base, approximate\) \+ 800–3,000 output \(default\); template provider: no model call, no charge; budget left [\d,]+ of [\d,]+$/.test(
        line,
      ),
    );
    expect(estimateLine, human.stdout).toBeGreaterThanOrEqual(0);
    expect(lines.findIndex((line) => line.startsWith("✓ about"))).toBeGreaterThan(estimateLine);

    const json = await user.json<PlanOutput>("plan", "--project", created.body.id, "--steps", "architecture");
    expect(json.code, json.stderr).toBe(0);
    expect(json.body.steps[0]?.estimate).toMatchObject({
      provider: "template",
      billedTokens: { expected: 0 },
    });
    expect(json.body.steps[0]?.estimate.inputTokens).toBeGreaterThan(1_000);
  });

  describe("against a model the budget cannot pay for", () => {
    let api: StartedApi;
    beforeAll(async () => {
      // Nothing listens at the model's address: a step that started would fail, not succeed.
      api = await startApi({
        LLM_PROVIDER: "openai-compatible",
        LLM_BASE_URL: "http://127.0.0.1:9/v1",
        LLM_MODEL: "gpt-4o-mini",
        MONTHLY_TOKEN_BUDGET: "1600",
        RUN_TOKEN_RESERVATION: "100",
      });
    });
    afterAll(() => api.stop());

    it("prints the estimate, does not start the step and exits refused (8)", async () => {
      const user = cliUser({ JEEX_URL: api.url, JEEX_API_KEY: api.credentials.apiKey });
      const created = await user.json<{ id: string }>("projects", "create", "--name", "Too dear");
      const plan = await user.run("plan", "--project", created.body.id, "--idea", IDEA);
      expect(plan.code, plan.stderr).toBe(8);
      expect(plan.stdout).toMatch(/^… about: [\d,]+ input tokens \(o200k_base, exact\)/m);
      expect(plan.stderr).toMatch(
        /the about step was not started: this run is expected to spend about \d+ tokens/,
      );
      const client = createJeexClient({ url: api.url, apiKey: api.credentials.apiKey });
      expect((await client.workflow.executions.list.query({ projectId: created.body.id })).items).toEqual([]);
    });
  });
});
