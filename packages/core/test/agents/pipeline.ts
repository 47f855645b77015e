import type { AgentInput, RenderedDocument } from "../../src/agents/agent.ts";
import { agentFor } from "../../src/agents/registry.ts";
import { draftOffline } from "../../src/llm/template/drafts.ts";
import { asContext, baseInput } from "./fixtures.ts";

type Feedback = Partial<Record<"about" | "architecture" | "plan" | "specs", string>>;

/**
 * Runs the four offline drafts the way the workflow does: each step reads the rendered, active
 * documents of the steps before it.
 */
export function draftAll(feedback: Feedback = {}, overrides: Partial<AgentInput> = {}) {
  const documents: AgentInput["documents"] = [];
  const inputFor = (step: keyof Feedback): AgentInput =>
    baseInput({ ...overrides, documents: [...documents], feedback: feedback[step] });
  const rendered: Record<string, RenderedDocument[]> = {};

  const aboutInput = inputFor("about");
  const about = draftOffline("about", aboutInput);
  rendered.about = agentFor("about").render(about, aboutInput, { templateDraft: true });
  documents.push(...asContext(rendered.about, "about"));

  const architectureInput = inputFor("architecture");
  const architecture = draftOffline("architecture", architectureInput);
  rendered.architecture = agentFor("architecture").render(architecture, architectureInput, {
    templateDraft: true,
  });
  documents.push(...asContext(rendered.architecture, "architecture"));

  const planInput = inputFor("plan");
  const plan = draftOffline("plan", planInput);
  rendered.plan = agentFor("plan").render(plan, planInput, { templateDraft: true });
  documents.push(...asContext(rendered.plan, "plan"));

  const specsInput = inputFor("specs");
  const specs = draftOffline("specs", specsInput);
  rendered.specs = agentFor("specs").render(specs, specsInput, { templateDraft: true });

  return {
    outputs: { about, architecture, plan, specs },
    inputs: { about: aboutInput, architecture: architectureInput, plan: planInput, specs: specsInput },
    rendered: rendered as Record<"about" | "architecture" | "plan" | "specs", RenderedDocument[]>,
  };
}
