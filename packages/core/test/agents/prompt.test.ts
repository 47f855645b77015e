import { steps } from "@jeex/contracts/steps";
import { describe, expect, it } from "vitest";
import { agentFor } from "../../src/agents/registry.ts";
import { draftAll } from "./pipeline.ts";

describe("agent prompts", () => {
  const { inputs } = draftAll();

  it("carry the idea, audience, clarifications and the project language", () => {
    const prompt = agentFor("about").buildPrompt(inputs.about);
    expect(prompt).toContain("Small bakeries waste flour and butter");
    expect(prompt).toContain("## Intended audience\n\nbakery owners, bakers");
    expect(prompt).toContain("- Q: Which suppliers must it connect to?\n  A: (not answered yet)");
    expect(prompt).toContain("Write every document in English (en).");
  });

  it("include earlier documents in full, each with its path", () => {
    const prompt = agentFor("plan").buildPrompt(inputs.plan);
    for (const document of inputs.plan.documents) {
      expect(prompt).toContain(`<document path="${document.path}"`);
      expect(prompt).toContain(document.content.trim());
    }
  });

  it("include this step's previous documents so human edits are kept", () => {
    const previous = [
      { path: "docs/specs.md", title: "Specs", step: "specs" as const, content: "Edited by Ana." },
    ];
    const prompt = agentFor("specs").buildPrompt({ ...inputs.specs, previous });
    expect(prompt).toContain("Keep what people changed");
    expect(prompt).toContain('<document path="docs/specs.md" title="Specs">\nEdited by Ana.\n</document>');
  });

  it("emphasise feedback as something to apply, and list memory with its source", () => {
    const prompt = agentFor("architecture").buildPrompt({
      ...inputs.architecture,
      feedback: "use Postgres, not Mongo",
      memory: [{ path: "docs/about.md", text: "Three bakeries in the pilot.", score: 0.8123 }],
    });
    expect(prompt).toContain("# Feedback — apply this feedback");
    expect(prompt).toContain("**Apply this feedback.**");
    expect(prompt).toContain("> use Postgres, not Mongo");
    expect(prompt).toContain("- (docs/about.md, relevance 0.81) Three bakeries in the pilot.");
    expect(prompt.trimEnd().split("\n").at(-1)).toContain("Design the architecture");
  });

  it("leave out sections with nothing in them", () => {
    const prompt = agentFor("about").buildPrompt({
      ...inputs.about,
      idea: { idea: "A shared shopping list." },
    });
    expect(prompt).not.toContain("# Earlier documents");
    expect(prompt).not.toContain("# Feedback");
    expect(prompt).not.toContain("# Project memory");
  });

  for (const step of steps) {
    it(`the ${step} agent has real instructions and a memory question about the project`, () => {
      const agent = agentFor(step);
      expect(agent.instructions.length).toBeGreaterThan(500);
      expect(agent.instructions).toContain("project's language");
      expect(agent.memoryQuery(inputs[step])).toContain("Crumb");
    });
  }
});
