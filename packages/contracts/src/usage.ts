import { z } from "zod";
import { idSchema } from "./common.ts";

export const usagePeriodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM");

export const getUsageInputSchema = z
  .strictObject({
    projectId: idSchema.optional(),
    /** Calendar month in UTC; defaults to the current one. */
    period: usagePeriodSchema.optional(),
  })
  .prefault({});
export type GetUsageInput = z.infer<typeof getUsageInputSchema>;

const totalsSchema = z.object({
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  tokens: z.number().int(),
  costUsd: z.number(),
  executions: z.number().int(),
});

export const usageSchema = z.object({
  period: usagePeriodSchema,
  tenant: totalsSchema,
  project: totalsSchema.nullable(),
  budget: z.object({
    monthlyTokens: z.number().int(),
    /** Tokens spent in the period: the same number as `spent`, kept for older callers. */
    used: z.number().int(),
    /** Tokens recorded for every model call of the period, answered, repaired, failed or cancelled. */
    spent: z.number().int(),
    /** Tokens held by queued and running steps; released, and replaced by what they spent, when they end. */
    reserved: z.number().int(),
    /** What a new run can still reserve: the budget less spent and reserved. */
    remaining: z.number().int(),
  }),
});
export type Usage = z.infer<typeof usageSchema>;
