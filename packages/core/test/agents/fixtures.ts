import type { AgentInput, ContextDocument, RenderedDocument } from "../../src/agents/agent.ts";

/** A small bakery idea with a named database, clarifications and an explicit exclusion. */
export const bakeryIdea: AgentInput["idea"] = {
  idea:
    "Small bakeries waste flour and butter because they track stock on paper. " +
    "Bakers want to record deliveries, see stock levels on their phones and get reminders before an ingredient runs out. " +
    "Owners should see weekly reports of waste and costs. Data is stored in MongoDB. " +
    "Online ordering for customers is out of scope for the first release.",
  audience: "bakery owners, bakers",
  clarifications: [
    { question: "How many bakeries in the pilot?", answer: "Three bakeries with about 12 staff in total" },
    { question: "Which suppliers must it connect to?", answer: "" },
  ],
};

export const baseInput = (overrides: Partial<AgentInput> = {}): AgentInput => ({
  project: { name: "Crumb", description: "", language: "en" },
  idea: bakeryIdea,
  documents: [],
  previous: [],
  memory: [],
  ...overrides,
});

/** Rendered documents as the next step receives them: active versions of earlier steps. */
export const asContext = (documents: RenderedDocument[], step: ContextDocument["step"]): ContextDocument[] =>
  documents.map((document) => ({
    path: document.path,
    title: document.title,
    step,
    content: document.content,
  }));
