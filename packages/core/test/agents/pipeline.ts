import type { Step } from "@jeex/contracts/steps";
import type { Agent, AgentInput, RenderedDocument } from "../../src/agents/agent.ts";
import { agentFor } from "../../src/agents/registry.ts";
import { type DraftsByStep, draftOffline } from "../../src/llm/template/drafts.ts";
import { asContext, baseInput } from "./fixtures.ts";

type Feedback = Partial<Record<Step, string>>;

/**
 * Runs the four offline drafts the way the workflow does: each step reads the rendered, active
 * documents of the steps before it.
 */
export function draftAll(feedback: Feedback = {}, overrides: Partial<AgentInput> = {}) {
  const documents: AgentInput["documents"] = [];
  const inputFor = (step: keyof Feedback): AgentInput =>
    baseInput({ ...overrides, documents: [...documents], feedback: feedback[step] });
  const rendered: Record<string, RenderedDocument[]> = {};

  /** One step as the workflow runs it: its input, its offline draft, then its rendered documents as context. */
  const draft = <S extends Step>(step: S) => {
    const input = inputFor(step);
    const output = draftOffline(step, input);
    // TypeScript does not tie agentFor(step) to draftOffline(step) for a generic step; they are the same step's.
    const agent = agentFor(step) as Agent<DraftsByStep[S]>;
    rendered[step] = agent.render(output, input, { templateDraft: true });
    documents.push(...asContext(rendered[step], step));
    return { input, output };
  };
  const about = draft("about");
  const architecture = draft("architecture");
  const plan = draft("plan");
  const specs = draft("specs");

  return {
    outputs: {
      about: about.output,
      architecture: architecture.output,
      plan: plan.output,
      specs: specs.output,
    },
    inputs: { about: about.input, architecture: architecture.input, plan: plan.input, specs: specs.input },
    rendered: rendered as Record<"about" | "architecture" | "plan" | "specs", RenderedDocument[]>,
  };
}
