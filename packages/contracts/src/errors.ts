import { z } from "zod";

/**
 * Error codes a caller can branch on. They travel as `error.data.appCode` next to the
 * tRPC code, so clients in any language can tell "project not found" from "key revoked".
 */
export const appErrorCodeSchema = z.enum([
  "VALIDATION_FAILED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "QUOTA_EXCEEDED",
  "RATE_LIMITED",
  "UNAVAILABLE",
  "INTERNAL",
]);
export type AppErrorCode = z.infer<typeof appErrorCodeSchema>;

/** One failed field: `path` is dotted (`input.name`, `items.0.title`). */
export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** The `error.data` every failed call carries. */
export const errorDataSchema = z.object({
  code: z.string(),
  httpStatus: z.number().int(),
  path: z.string().optional(),
  appCode: appErrorCodeSchema,
  requestId: z.string().optional(),
  issues: z.array(fieldIssueSchema).optional(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  formErrors: z.array(z.string()).optional(),
  /**
   * Over a limit: seconds until a retry may succeed. Also the `retry-after` header, except on a
   * progress stream, whose refusal arrives after the SSE response has started.
   */
  retryAfterSeconds: z.number().int().optional(),
});
export type ErrorData = z.infer<typeof errorDataSchema>;
