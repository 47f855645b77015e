import { steps } from "@jeex/contracts/steps";
import { describe, expect, it } from "vitest";
import { agentFor } from "../../src/agents/registry.ts";
import { draftAll } from "./pipeline.ts";

describe("offline drafts, all steps", () => {
  const { outputs } = draftAll();

  for (const step of steps) {
    it(`the ${step} draft satisfies its output contract`, () => {
      const result = agentFor(step).outputSchema.safeParse(outputs[step]);
      expect(result.error?.issues ?? []).toEqual([]);
    });
  }

  it("the same inputs give byte-identical outputs and documents", () => {
    const first = draftAll({ architecture: "use Postgres, not Mongo" });
    const second = draftAll({ architecture: "use Postgres, not Mongo" });
    expect(JSON.stringify(second.outputs)).toBe(JSON.stringify(first.outputs));
    expect(JSON.stringify(second.rendered)).toBe(JSON.stringify(first.rendered));
  });

  it("a different idea gives a different pack", () => {
    const other = draftAll(
      {},
      {
        project: { name: "Tutor", description: "", language: "en" },
        idea: {
          idea: "Language tutors need to schedule lessons and take payments with Stripe. Students should book lessons on a website.",
        },
      },
    );
    expect(other.outputs.architecture.stack.map((item) => item.choice)).toContain("Stripe");
    expect(other.outputs.architecture.stack.map((item) => item.area)).toContain("Web front end");
    expect(other.outputs.plan.epics.map((epic) => epic.slug)).toContain("payments");
    expect(JSON.stringify(other.outputs)).not.toBe(JSON.stringify(outputs));
  });

  const unusualIdeas = [
    "Todo list.",
    "Eine App für Vereine, um Mitglieder und Beiträge zu verwalten. Zahlungen per SEPA.",
    'A "quoted" idea | with pipes, `backticks`, # hashes and\n## a heading inside, for "people" who type oddly!!!',
    `${"Teachers want to share lesson plans, rate them and search by subject. ".repeat(200)}`,
    "我们想做一个帮助小餐馆管理库存的应用程序。",
  ];
  for (const [index, idea] of unusualIdeas.entries()) {
    it(`drafts stay within their contracts for an unusual idea (#${index + 1})`, () => {
      const pack = draftAll(
        { architecture: "use Rust, not Go", plan: "drop everything", specs: "?" },
        { idea: { idea }, project: { name: "", description: "", language: "de" } },
      );
      for (const step of steps) {
        const result = agentFor(step).outputSchema.safeParse(pack.outputs[step]);
        expect(result.error?.issues ?? []).toEqual([]);
      }
    });
  }
});
