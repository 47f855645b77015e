import { z } from "zod";
import { scopedJobKind } from "./job-scope.ts";
import type { JobKind, StepJob } from "./port.ts";

/** Workflow step runs: queue "steps", one job per execution. */
export const stepJobs: JobKind<StepJob> = scopedJobKind({
  name: "steps",
  shape: { executionId: z.uuid(), projectId: z.uuid() },
  idOf: (job) => job.executionId,
});
