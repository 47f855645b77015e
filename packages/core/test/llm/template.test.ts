import { aboutOutputSchema } from "@jeex/contracts/agents/about";
import { afterAll, describe, expect, it } from "vitest";
import { LlmCancelledError } from "../../src/llm/errors.ts";
import { createTemplateProvider, draftOffline } from "../../src/llm/template.ts";
import { closeTextWork } from "../../src/text-work/pool.ts";
import { rejection, summaryRequest } from "./support/fixtures.ts";

describe("template provider", () => {
  afterAll(() => closeTextWork());

  it("answers the step's offline draft of the request's input, validated, with zero usage and cost", async () => {
    const provider = createTemplateProvider();
    const request = { ...summaryRequest(), schema: aboutOutputSchema, schemaName: "about_document" };

    const result = await provider.generate(request);

    expect(provider.name).toBe("template");
    expect(result).toEqual({
      output: draftOffline("about", request.input),
      provider: "template",
      model: "template-v1",
      usage: { tokensIn: 0, tokensOut: 0 },
      costUsd: 0,
      calls: 1,
    });
    expect(result.output.problem).not.toBe("");
  });

  it("treats a draft that breaks the request's schema as a bug", async () => {
    // The about draft is not an idea summary: its goals are sentences, and it has more keys.
    const error = await rejection(createTemplateProvider().generate(summaryRequest()));

    expect((error as Error).message).toContain("template draft for step about does not match idea_summary");
    expect((error as Error).message).toContain("goals.0:");
  });

  it("honours an already-aborted signal", async () => {
    const error = await rejection(
      createTemplateProvider().generate(summaryRequest({ signal: AbortSignal.abort() })),
    );
    expect(error).toBeInstanceOf(LlmCancelledError);
  });
});
