import { z } from "zod";
import type { JobKind, StepJob } from "./port.ts";

const stepJobSchema = z.object({
  executionId: z.uuid(),
  tenantId: z.uuid(),
  projectId: z.uuid(),
  userId: z.uuid(),
  traceparent: z.string().max(128).optional(),
}) satisfies z.ZodType<StepJob>;

/** Workflow step runs: queue "steps", one job per execution. */
export const stepJobs: JobKind<StepJob> = {
  name: "steps",
  idOf: (job) => job.executionId,
  parse: (data) => stepJobSchema.parse(data),
};
