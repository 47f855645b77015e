import { describe, expect, it } from "vitest";
import { specsAgent } from "../../src/agents/specs.ts";
import { draftAll } from "./pipeline.ts";

describe("specs agent: offline draft", () => {
  const { outputs } = draftAll();
  const specs = outputs.specs;

  it("has a standards area for each stack choice, plus security and documentation", () => {
    expect(specs.standards.map((standard) => standard.area)).toEqual([
      ...outputs.architecture.stack.map((item) => `${item.area} (${item.choice})`),
      "Security",
      "Documentation",
    ]);
  });

  it("derives the tool chain from the backend choice", () => {
    expect(specs.qualityGates.slice(0, 3).map((gate) => gate.tool)).toEqual([
      "Biome",
      "tsc --noEmit",
      "Vitest",
    ]);
    expect(specs.qualityGates.find((gate) => gate.name === "Integration tests")?.tool).toBe(
      "Vitest against a real MongoDB",
    );
  });

  it("follows the architecture's decisions and the project language", () => {
    const documentation = specs.standards.find((standard) => standard.area === "Documentation");
    expect(documentation?.rules[0]).toContain(
      `continuing after ${outputs.architecture.decisions.at(-1)?.id}`,
    );
    expect(documentation?.rules).toContain("Documentation is written in English");
  });

  it("a Python backend gets Python tools", () => {
    const python = draftAll({ architecture: "use Python, not Node" }).outputs.specs;
    expect(python.qualityGates.slice(0, 3).map((gate) => gate.tool)).toEqual([
      "Ruff",
      "mypy --strict",
      "pytest",
    ]);
  });

  it("applies feedback to the area it names, or as a convention of its own", () => {
    const revised = draftAll({ specs: "Database migrations need a rollback script\nPair on every change" })
      .outputs.specs;
    expect(revised.standards.find((standard) => standard.area.startsWith("Database"))?.rules.at(-1)).toBe(
      "Review feedback: Database migrations need a rollback script",
    );
    expect(revised.conventions).toContainEqual({ topic: "Review feedback", rule: "Pair on every change" });
    expect(specsAgent.outputSchema.safeParse(revised).success).toBe(true);
  });
});
