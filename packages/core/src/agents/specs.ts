import { type SpecsOutput, specsOutputSchema } from "@jeex/contracts/agents/specs";
import { agentNames } from "@jeex/contracts/steps";
import type { Agent } from "./agent.ts";
import { buildStepPrompt, projectLabel } from "./prompt.ts";
import { renderSpecsDocuments } from "./rendering/specs-markdown.ts";

const instructions = `You are the Engineering Standards lead of a product team. From the architecture (stack and
decisions) and the delivery plan you write the engineering standards every change must meet.

Produce:
- summary: what these standards cover and how they are enforced.
- standards: rules grouped by area — one area per stack choice (e.g. the backend language, the
  database, the front end) plus security and documentation. Rules are specific to the chosen
  technologies and checkable in review or CI.
- conventions: naming, code layout, commits, branches, API and error conventions, documentation.
- definitionOfDone: the checklist a change must satisfy before it counts as done.
- qualityGates: automated gates with the tool, the threshold and whether a failure blocks the merge
  (lint, type check, tests with coverage, integration tests, dependency audit, and others the stack
  needs).

Quality bar: prefer few, enforceable rules over long lists of good intentions; name real tools that
fit the chosen stack; thresholds are numbers or clear yes/no checks. Feedback overrides earlier
choices. Respect human edits to the current document. Write everything in the project's language.`;

export const specsAgent: Agent<SpecsOutput> = {
  step: "specs",
  name: agentNames.specs,
  outputSchema: specsOutputSchema,
  schemaName: "engineering_standards",
  instructions,
  buildPrompt: (input) =>
    buildStepPrompt(
      input,
      "Write the engineering standards: standards by area, conventions, definition of done and quality gates.",
    ),
  render: renderSpecsDocuments,
  memoryQuery: (input) =>
    `engineering standards, conventions, quality gates and definition of done for ${projectLabel(input)}`,
};
