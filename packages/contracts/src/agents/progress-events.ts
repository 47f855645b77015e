import { z } from "zod";
import { idSchema, timestampSchema } from "../common.ts";
import { stepSchema } from "../steps.ts";

/**
 * Events streamed while long work runs (`workflow.events`). Each names what it is about, so a
 * client can resume from its last event id and route every event without extra look-ups.
 */

const errorSchema = z.object({ code: z.string().min(1).max(100), message: z.string().max(2_000) });
const percentSchema = z.number().min(0).max(100);

const executionEvent = <Type extends string, Extra extends z.ZodRawShape>(type: Type, extra: Extra) =>
  z.object({
    type: z.literal(type),
    executionId: idSchema,
    projectId: idSchema,
    step: stepSchema,
    at: timestampSchema,
    ...extra,
  });

const exportEvent = <Type extends string, Extra extends z.ZodRawShape>(type: Type, extra: Extra) =>
  z.object({ type: z.literal(type), exportId: idSchema, projectId: idSchema, at: timestampSchema, ...extra });

export const executionQueuedEventSchema = executionEvent("execution.queued", {});
export const executionStartedEventSchema = executionEvent("execution.started", {});
export const executionProgressEventSchema = executionEvent("execution.progress", {
  percent: percentSchema,
  message: z.string().max(500),
});
export const documentCreatedEventSchema = executionEvent("document.created", {
  documentId: idSchema,
  path: z.string().min(1).max(300),
  version: z.number().int().min(1),
});
export const executionSucceededEventSchema = executionEvent("execution.succeeded", {});
export const executionFailedEventSchema = executionEvent("execution.failed", { error: errorSchema });
export const executionCancelledEventSchema = executionEvent("execution.cancelled", {});

export const exportQueuedEventSchema = exportEvent("export.queued", {});
export const exportProgressEventSchema = exportEvent("export.progress", {
  percent: percentSchema,
  message: z.string().max(500),
});
export const exportSucceededEventSchema = exportEvent("export.succeeded", {});
export const exportFailedEventSchema = exportEvent("export.failed", { error: errorSchema });

export const progressEventSchema = z.discriminatedUnion("type", [
  executionQueuedEventSchema,
  executionStartedEventSchema,
  executionProgressEventSchema,
  documentCreatedEventSchema,
  executionSucceededEventSchema,
  executionFailedEventSchema,
  executionCancelledEventSchema,
  exportQueuedEventSchema,
  exportProgressEventSchema,
  exportSucceededEventSchema,
  exportFailedEventSchema,
]);
export type ProgressEvent = z.infer<typeof progressEventSchema>;
export type ProgressEventType = ProgressEvent["type"];
export type ExecutionEvent = Extract<ProgressEvent, { executionId: string }>;
export type ExportEvent = Extract<ProgressEvent, { exportId: string }>;

/** After one of these, nothing more is sent for that execution or export. */
export const terminalEventTypes = [
  "execution.succeeded",
  "execution.failed",
  "execution.cancelled",
  "export.succeeded",
  "export.failed",
] as const satisfies readonly ProgressEventType[];

export const isTerminalEvent = (event: ProgressEvent): boolean =>
  (terminalEventTypes as readonly string[]).includes(event.type);
