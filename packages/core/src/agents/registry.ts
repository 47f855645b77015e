import type { AboutOutput } from "@jeex/contracts/agents/about";
import type { ArchitectureOutput } from "@jeex/contracts/agents/architecture";
import type { PlanOutput } from "@jeex/contracts/agents/plan";
import type { SpecsOutput } from "@jeex/contracts/agents/specs";
import type { Step } from "@jeex/contracts/steps";
import { aboutAgent } from "./about.ts";
import type { Agent } from "./agent.ts";
import { architectureAgent } from "./architecture.ts";
import { planAgent } from "./plan.ts";
import { specsAgent } from "./specs.ts";

/** Each step's agent, typed by its output. */
export interface AgentsByStep {
  about: Agent<AboutOutput>;
  architecture: Agent<ArchitectureOutput>;
  plan: Agent<PlanOutput>;
  specs: Agent<SpecsOutput>;
}

const agents: AgentsByStep = {
  about: aboutAgent,
  architecture: architectureAgent,
  plan: planAgent,
  specs: specsAgent,
};

/** The agent that runs a step; with a literal step the output type is known. */
export const agentFor = <S extends Step>(step: S): AgentsByStep[S] => agents[step];
