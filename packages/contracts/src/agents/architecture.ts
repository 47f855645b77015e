import { z } from "zod";
import { line, list, type OutputProblem, prose, withOutputRules } from "./output-fields.ts";

export const decisionIdPattern = /^ADR-\d{3}$/;
/** `ADR-001` for the first decision: ids follow list order, so links stay stable across renders. */
export const decisionIdAt = (index: number): string => `ADR-${String(index + 1).padStart(3, "0")}`;

export const decisionStatuses = ["proposed", "accepted", "superseded", "deprecated"] as const;

/** Mermaid source that starts with a diagram header the renderer and viewers understand. */
const mermaidSource = (headers: string[]) =>
  z
    .string()
    .min(10)
    .max(8_000)
    .regex(new RegExp(`^(${headers.join("|")})\\s`), `start with a Mermaid header: ${headers.join(", ")}`);

export const architectureDecisionSchema = z.object({
  id: z.string().regex(decisionIdPattern, "ids look like ADR-001"),
  title: line(160),
  status: z.enum(decisionStatuses),
  context: prose(),
  decision: prose(),
  consequences: list(line(500), 1, 12),
  alternatives: list(line(300), 0, 8),
});
export type ArchitectureDecision = z.infer<typeof architectureDecisionSchema>;

export const stackChoiceSchema = z.object({
  area: line(80),
  choice: line(120),
  rationale: prose(1_500),
  tradeOffs: list(line(400), 0, 8),
});
export type StackChoice = z.infer<typeof stackChoiceSchema>;

/** Solution Architect output: context → constraints → options → decisions, with C4 diagrams. */
export const architectureOutputShapeSchema = z.object({
  context: prose(),
  constraints: list(line(500), 0, 20),
  options: list(
    z.object({
      name: line(120),
      summary: prose(1_200),
      pros: list(line(300), 0, 8),
      cons: list(line(300), 0, 8),
      chosen: z.boolean(),
    }),
    1,
    6,
  ),
  stack: list(stackChoiceSchema, 1, 20),
  decisions: list(architectureDecisionSchema, 1, 30),
  diagrams: z.object({
    context: mermaidSource(["C4Context", "flowchart", "graph"]),
    container: mermaidSource(["C4Container", "flowchart", "graph"]),
  }),
});
export type ArchitectureOutput = z.infer<typeof architectureOutputShapeSchema>;

/** Decision ids are ADR-001, ADR-002, … in order, so each ADR file keeps its name. */
export function validateDecisionIds(output: ArchitectureOutput): OutputProblem[] {
  return output.decisions.flatMap((decision, index) =>
    decision.id === decisionIdAt(index)
      ? []
      : [
          {
            path: ["decisions", index, "id"],
            message: `expected ${decisionIdAt(index)}, got ${decision.id}`,
          },
        ],
  );
}

/** The contract agents are held to: the shape plus sequential decision ids. */
export const architectureOutputSchema = withOutputRules(architectureOutputShapeSchema, validateDecisionIds);
