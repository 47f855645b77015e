import { type PlanOutput, planOutputSchema } from "@jeex/contracts/agents/plan";
import { agentNames } from "@jeex/contracts/steps";
import type { Agent } from "./agent.ts";
import { buildStepPrompt, projectLabel } from "./prompt.ts";
import { renderPlanDocuments } from "./rendering/plan-markdown.ts";

const instructions = `You are the Project Planner of a product team. From the about document and the architecture
(stack and decision records) you write the delivery plan as ordered epics.

Produce:
- overview: how the work is sequenced and why, in a paragraph or two.
- epics, numbered 1, 2, 3 … in delivery order. Start with infrastructure (repository, CI, environments,
  database, deployment), then authentication when people sign in, then the product's features and
  integrations, and end with exactly one testing epic (kind "testing"), which must be last. Each epic
  has a short lowercase slug (letters, digits, dashes: it becomes docs/plans/NN-<slug>.md), a title,
  a kind, a goal, concrete tasks an engineer can pick up, acceptance criteria a reviewer can check,
  and dependsOn: the numbers of earlier epics it needs (never later ones).
- risks: delivery and technical risks, including unresolved open questions.

Quality bar: every architecture decision (ADR-NNN) is implemented by some task, referenced by id;
epics are small enough to finish in one to three weeks; acceptance criteria are observable behaviour,
not activities. Feedback overrides earlier choices. Respect human edits to the current plan. Write
everything in the project's language.`;

export const planAgent: Agent<PlanOutput> = {
  step: "plan",
  name: agentNames.plan,
  outputSchema: planOutputSchema,
  schemaName: "delivery_plan",
  instructions,
  buildPrompt: (input) =>
    buildStepPrompt(input, "Write the delivery plan: overview, ordered epics (testing last) and risks."),
  render: renderPlanDocuments,
  memoryQuery: (input) => `epics, milestones, dependencies and delivery risks for ${projectLabel(input)}`,
};
