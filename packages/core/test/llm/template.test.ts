import { describe, expect, it } from "vitest";
import { LlmCancelledError } from "../../src/llm/errors.ts";
import { createTemplateProvider } from "../../src/llm/template.ts";
import { type IdeaSummary, rejection, summaryRequest, validSummary } from "./support/fixtures.ts";

describe("template provider", () => {
  it("returns the offline draft, validated, with zero usage and cost", async () => {
    const provider = createTemplateProvider();

    const result = await provider.generate(summaryRequest());

    expect(provider.name).toBe("template");
    expect(result).toEqual({
      output: validSummary,
      provider: "template",
      model: "template-v1",
      usage: { tokensIn: 0, tokensOut: 0 },
      costUsd: 0,
      calls: 1,
    });
  });

  it("treats a draft that breaks the schema as a bug", async () => {
    const broken = { title: "x", goals: [] } as IdeaSummary;

    const error = await rejection(
      createTemplateProvider().generate(summaryRequest({ draftOffline: () => broken })),
    );

    expect((error as Error).message).toContain("template draft for step about does not match idea_summary");
    expect((error as Error).message).toContain("goals:");
  });

  it("honours an already-aborted signal", async () => {
    const error = await rejection(
      createTemplateProvider().generate(summaryRequest({ signal: AbortSignal.abort() })),
    );
    expect(error).toBeInstanceOf(LlmCancelledError);
  });
});
