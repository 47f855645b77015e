import type { Step } from "@jeex/contracts/steps";

/**
 * Who writes each step's documents. The contract has the same table, but importing a value from
 * contracts would pull zod into the browser bundle for four strings.
 */
export const agentNames: Record<Step, string> = {
  about: "Business Analyst",
  architecture: "Solution Architect",
  plan: "Project Planner",
  specs: "Engineering Standards",
};
