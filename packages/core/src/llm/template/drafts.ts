import type { AboutOutput } from "@jeex/contracts/agents/about";
import type { ArchitectureOutput } from "@jeex/contracts/agents/architecture";
import type { PlanOutput } from "@jeex/contracts/agents/plan";
import type { SpecsOutput } from "@jeex/contracts/agents/specs";
import type { Step } from "@jeex/contracts/steps";
import type { AgentInput } from "../../agents/agent.ts";
import { draftAbout } from "./drafting/about-draft.ts";
import { draftArchitecture } from "./drafting/architecture-draft.ts";
import { draftPlan } from "./drafting/plan-draft.ts";
import { draftSpecs } from "./drafting/specs-draft.ts";

/** Each step's offline draft, typed by the step's output. */
export interface DraftsByStep {
  about: AboutOutput;
  architecture: ArchitectureOutput;
  plan: PlanOutput;
  specs: SpecsOutput;
}

const drafts: { [S in Step]: (input: AgentInput) => DraftsByStep[S] } = {
  about: draftAbout,
  architecture: draftArchitecture,
  plan: draftPlan,
  specs: draftSpecs,
};

/**
 * The template provider's deterministic draft of a step from the agent's input: what it answers
 * in place of a model. Pure and CPU-bound; the provider runs it on the text-work threads.
 */
export const draftOffline = <S extends Step>(step: S, input: AgentInput): DraftsByStep[S] =>
  drafts[step](input);
