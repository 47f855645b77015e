import { z } from "zod";
import { stepSchema } from "./steps.ts";
import { usageSchema } from "./usage.ts";
import { inputOnlyForAbout, stepRunShape } from "./workflow.ts";

/** What `workflow.estimate` needs: the same inputs as `workflow.runStep` would get. */
export const estimateStepInputSchema = z
  .strictObject(stepRunShape)
  .superRefine(inputOnlyForAbout("only the about step takes input"));
export type EstimateStepInput = z.infer<typeof estimateStepInputSchema>;

/**
 * How the prompt's tokens were counted: exactly with the model family's tokenizer, or
 * approximately (a model we know no tokenizer for is counted with `o200k_base`).
 */
export const tokenCountingSchema = z.object({
  encoding: z.enum(["o200k_base", "cl100k_base"]),
  exact: z.boolean(),
  /** One line for people, e.g. "o200k_base (gpt-tokenizer), exact for gpt-4o". */
  description: z.string(),
});
export type TokenCounting = z.infer<typeof tokenCountingSchema>;

const rangeSchema = z.object({
  low: z.number().nonnegative(),
  expected: z.number().nonnegative(),
  high: z.number().nonnegative(),
});

export const stepEstimateSchema = z.object({
  step: stepSchema,
  provider: z.string(),
  model: z.string(),
  /** Tokens of the prompt the worker would send now: instructions, prompt and output schema. */
  inputTokens: z.number().int().nonnegative(),
  counting: tokenCountingSchema,
  outputTokens: rangeSchema.extend({
    /** `history`: this project's (else this tenant's) earlier runs of the step; `default`: none yet. */
    basis: z.enum(["project", "tenant", "default"]),
    samples: z.number().int().nonnegative(),
  }),
  /**
   * Tokens the run is expected to charge to the budget: input plus output. The template provider
   * calls no model and charges nothing (its tokens are still counted above).
   */
  billedTokens: rangeSchema,
  /** US dollars at the configured prices; 0 when the model has no price (`priced` false). */
  costUsd: rangeSchema,
  priced: z.boolean(),
  /** The tenant's budget as `usage.get` reports it, and what it means for this run. */
  budget: usageSchema.shape.budget.omit({ used: true }).extend({
    /** Tokens a run reserves when it is queued (its allowance). */
    runReservation: z.number().int(),
    /** Whether `workflow.runStep` would accept the run now. */
    fits: z.boolean(),
    /** Why not, in a sentence; null when it fits. */
    refusal: z.string().nullable(),
  }),
  /** Assumptions behind the numbers, in plain words. */
  notes: z.array(z.string()),
});
export type StepEstimate = z.infer<typeof stepEstimateSchema>;
