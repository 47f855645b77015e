import { z } from "zod";
import { safeText } from "./common.ts";

/** The four steps, in order; each step reads the active documents of the steps before it. */
export const steps = ["about", "architecture", "plan", "specs"] as const;
export const stepSchema = z.enum(steps);
export type Step = z.infer<typeof stepSchema>;

export const agentNames: Record<Step, string> = {
  about: "Business Analyst",
  architecture: "Solution Architect",
  plan: "Project Planner",
  specs: "Engineering Standards",
};

export const stepsBefore = (step: Step): Step[] => steps.slice(0, steps.indexOf(step));
export const stepsAfter = (step: Step): Step[] => steps.slice(steps.indexOf(step) + 1);

/** What the person gives the first step; later steps take only optional feedback. */
export const ideaInputSchema = z.strictObject({
  idea: safeText().trim().min(10, "describe the idea in at least a sentence").max(20_000),
  audience: safeText().trim().max(2_000).optional(),
  clarifications: z
    .array(
      z.strictObject({ question: safeText().trim().min(1).max(1_000), answer: safeText().trim().max(5_000) }),
    )
    .max(50)
    .optional(),
});
export type IdeaInput = z.infer<typeof ideaInputSchema>;
