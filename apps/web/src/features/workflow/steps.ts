import type { Step } from "@jeex/contracts/steps";

/** The four steps in order (a copy of contracts' `steps`: the browser needs no zod for it). */
export const stepOrder = ["about", "architecture", "plan", "specs"] as const satisfies readonly Step[];

export const stepTitles: Record<Step, string> = {
  about: "About",
  architecture: "Architecture",
  plan: "Plan",
  specs: "Specs",
};

export const stepAgents: Record<Step, string> = {
  about: "Business Analyst",
  architecture: "Solution Architect",
  plan: "Project Planner",
  specs: "Engineering Standards",
};

export const stepBefore = (step: Step): Step | undefined => stepOrder[stepOrder.indexOf(step) - 1];
