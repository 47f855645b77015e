import { z } from "zod";
import { jobScopeShape } from "./job-scope.ts";
import type { JobKind, StepJob } from "./port.ts";

const stepJobSchema = z.object({
  executionId: z.uuid(),
  projectId: z.uuid(),
  ...jobScopeShape,
}) satisfies z.ZodType<StepJob>;

/** Workflow step runs: queue "steps", one job per execution. */
export const stepJobs: JobKind<StepJob> = {
  name: "steps",
  idOf: (job) => job.executionId,
  parse: (data) => stepJobSchema.parse(data),
};
