import { describe, expect, it } from "vitest";
import {
  type ArchitectureOutput,
  architectureOutputSchema,
  decisionIdAt,
  validateDecisionIds,
} from "../../src/agents/architecture.ts";

const decision = (id: string) => ({
  id,
  title: "Use PostgreSQL for the primary database",
  status: "accepted" as const,
  context: "We store relational data.",
  decision: "We will use PostgreSQL.",
  consequences: ["Migrations are needed"],
  alternatives: ["MongoDB"],
});

const architecture = (overrides: Partial<ArchitectureOutput> = {}): ArchitectureOutput => ({
  context: "A stock tracker for bakeries.",
  constraints: [],
  options: [{ name: "Modular monolith", summary: "One service.", pros: [], cons: [], chosen: true }],
  stack: [{ area: "Database", choice: "PostgreSQL", rationale: "Relational data.", tradeOffs: [] }],
  decisions: [decision("ADR-001"), decision("ADR-002")],
  diagrams: {
    context: 'C4Context\n  Person(baker, "Baker")',
    container: 'C4Container\n  Container(api, "API")',
  },
  ...overrides,
});

describe("architecture contract", () => {
  it("decision ids are ADR- and three digits, counted from one", () => {
    expect([0, 1, 9, 99].map(decisionIdAt)).toEqual(["ADR-001", "ADR-002", "ADR-010", "ADR-100"]);
  });

  it("accepts sequential decisions and C4 diagrams", () => {
    expect(architectureOutputSchema.safeParse(architecture()).success).toBe(true);
  });

  it("rejects a malformed decision id", () => {
    const result = architectureOutputSchema.safeParse(architecture({ decisions: [decision("ADR-1")] }));
    expect(result.success).toBe(false);
  });

  it("rejects gaps and repeats in the decision sequence, naming the expected id", () => {
    const problems = validateDecisionIds(
      architecture({ decisions: [decision("ADR-001"), decision("ADR-003")] }),
    );
    expect(problems).toEqual([{ path: ["decisions", 1, "id"], message: "expected ADR-002, got ADR-003" }]);
    const parsed = architectureOutputSchema.safeParse(
      architecture({ decisions: [decision("ADR-001"), decision("ADR-001")] }),
    );
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["decisions", 1, "id"]);
  });

  it("diagrams must start with a Mermaid header, not a code fence or prose", () => {
    const fenced = architecture({
      diagrams: { context: "```mermaid\nC4Context\n```", container: "C4Container\n  x" },
    });
    expect(architectureOutputSchema.safeParse(fenced).success).toBe(false);
    const flowchart = architecture({
      diagrams: { context: "flowchart LR\n  a --> b", container: "graph TD\n  a --> b" },
    });
    expect(architectureOutputSchema.safeParse(flowchart).success).toBe(true);
    const swapped = architecture({ diagrams: { context: "C4Container\n  x", container: "C4Context\n  x" } });
    expect(architectureOutputSchema.safeParse(swapped).success).toBe(false);
  });
});
