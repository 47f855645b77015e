import { z } from "zod";
import {
  idempotencyKeySchema,
  idSchema,
  pageSchema,
  paginationInputSchema,
  safeText,
  timestampSchema,
} from "./common.ts";
import { ideaInputSchema, type Step, stepSchema } from "./steps.ts";

/** What a step is run with; `workflow.estimate` takes the same to price that run. */
export const stepRunShape = {
  projectId: idSchema,
  step: stepSchema,
  /** The idea, for the `about` step (optional when re-running it: the last idea is reused). */
  input: ideaInputSchema.optional(),
  feedback: safeText().trim().min(1).max(5_000).optional(),
};

/** Refuses `input` on every step but `about`, saying `message`. */
export function inputOnlyForAbout(message: string) {
  return (value: { step: Step; input?: unknown }, ctx: z.RefinementCtx) => {
    if (value.input && value.step !== "about") ctx.addIssue({ code: "custom", path: ["input"], message });
  };
}

export const runStepInputSchema = z
  .strictObject({
    ...stepRunShape,
    /** Retrying a request with the same key returns the first execution instead of a new one. */
    idempotencyKey: idempotencyKeySchema.optional(),
  })
  .superRefine(inputOnlyForAbout("only the about step takes input; use feedback"));
export type RunStepInput = z.infer<typeof runStepInputSchema>;

export const executionStatusSchema = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);
export type ExecutionStatus = z.infer<typeof executionStatusSchema>;

export const runStepOutputSchema = z.object({
  executionId: idSchema,
  status: executionStatusSchema,
  /** True when an earlier request with the same idempotency key already created it. */
  deduplicated: z.boolean(),
});
export type RunStepOutput = z.infer<typeof runStepOutputSchema>;

export const executionErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.unknown().optional(),
});

export const executionSummarySchema = z.object({
  id: idSchema,
  projectId: idSchema,
  step: stepSchema,
  agent: z.string(),
  status: executionStatusSchema,
  feedback: z.string().nullable(),
  error: executionErrorSchema.nullable(),
  attempts: z.number().int(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  costUsd: z.number(),
  correlationId: z.string().nullable(),
  queuedAt: timestampSchema,
  startedAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
});
export type ExecutionSummary = z.infer<typeof executionSummarySchema>;

export const executionSchema = executionSummarySchema.extend({
  input: z.record(z.string(), z.unknown()),
  output: z.unknown().nullable(),
});
export type Execution = z.infer<typeof executionSchema>;

export const executionIdInputSchema = z.strictObject({ executionId: idSchema });
export type ExecutionIdInput = z.infer<typeof executionIdInputSchema>;

/** `workflow.cancel`: the execution's status once cancelled (its event follows once the request commits). */
export const cancelledExecutionSchema = z.object({ executionId: idSchema, status: executionStatusSchema });
export type CancelledExecution = z.infer<typeof cancelledExecutionSchema>;

export const listExecutionsInputSchema = paginationInputSchema.extend({
  projectId: idSchema,
  step: stepSchema.optional(),
});
export type ListExecutionsInput = z.infer<typeof listExecutionsInputSchema>;
export const executionPageSchema = pageSchema(executionSummarySchema);

export const stepStatusSchema = z.object({
  step: stepSchema,
  /** The last execution's status, or `not_started`. */
  status: z.union([executionStatusSchema, z.literal("not_started")]),
  /** Active version of the step's main document (about.md, architecture.md, plans/overview.md, specs.md). */
  activeVersion: z.number().int().nullable(),
  activeDocuments: z.number().int(),
  /** Some of the step's documents were written before an upstream change. */
  stale: z.boolean(),
  /** How many of the step's documents hold a merge with conflicts that a person must resolve. */
  needsReview: z.number().int(),
  lastExecution: executionSummarySchema.nullable(),
});
export const workflowStatusSchema = z.object({ projectId: idSchema, steps: z.array(stepStatusSchema) });
export type WorkflowStatus = z.infer<typeof workflowStatusSchema>;

const maxEventIdPart = 18_446_744_073_709_551_615n;

export const projectEventsInputSchema = z.strictObject({
  projectId: idSchema,
  /** Resume after this event id (sent automatically by tRPC's subscription link on reconnect). */
  lastEventId: z
    .string()
    .regex(/^\d{1,20}-\d{1,20}$/, "an event id as sent with a previous event")
    // Twenty digits still exceed Redis' two 64-bit parts, which it refuses as an error.
    .refine(
      (id) => id.split("-").every((part) => /^\d{1,20}$/.test(part) && BigInt(part) <= maxEventIdPart),
      "an event id as sent with a previous event (each part at most 2^64 - 1)",
    )
    .nullish(),
});
export type ProjectEventsInput = z.infer<typeof projectEventsInputSchema>;
