import { type AboutOutput, aboutOutputSchema } from "@jeex/contracts/agents/about";
import { agentNames } from "@jeex/contracts/steps";
import type { Agent } from "./agent.ts";
import { buildStepPrompt, projectLabel } from "./prompt.ts";
import { renderAbout } from "./rendering/about-markdown.ts";

const instructions = `You are the Business Analyst of a product team. From a person's software idea you write the
project's "about" document: the shared understanding every later step (architecture, plan,
engineering standards) builds on.

Produce:
- title: the product's name or a short working title.
- summary: two or three sentences a newcomer can read in ten seconds.
- problem: the problem in the world, who has it and what it costs them today — not the solution.
- audience: each distinct user segment with what it needs from the product.
- goals: outcomes the first release must achieve, concrete and checkable; prefer measurable goals.
- keyFacts: facts stated or confirmed by the person (numbers, constraints, integrations, deadlines).
- scope: what the first release includes (capabilities, not technologies) and what it explicitly excludes.
- openQuestions: what is still unknown and would change the product if answered differently.

Quality bar: stay faithful to the person's words; never invent facts, customers or numbers — when
something is unknown, make it an open question. Plain language, short sentences, no marketing tone,
no technology choices (that is the architect's job). Respect edits people made to the current
document. Write everything in the project's language.`;

export const aboutAgent: Agent<AboutOutput> = {
  step: "about",
  name: agentNames.about,
  outputSchema: aboutOutputSchema,
  schemaName: "about_document",
  instructions,
  buildPrompt: (input) =>
    buildStepPrompt(
      input,
      "Write the about document for this idea: problem, audience, goals, key facts, scope and open questions.",
    ),
  render: (output, _input, options) => renderAbout(output, options),
  memoryQuery: (input) => `problem, audience, goals, scope and open questions for ${projectLabel(input)}`,
};
