import { z } from "zod";
import { type JobScope, jobScopeShape } from "../queue/job-scope.ts";
import type { JobKind } from "../queue/port.ts";

/** The work item for one export; the export row holds everything else. */
export interface ExportJob extends JobScope {
  exportId: string;
  projectId: string;
}

const exportJobSchema = z.object({
  exportId: z.uuid(),
  projectId: z.uuid(),
  ...jobScopeShape,
}) satisfies z.ZodType<ExportJob>;

/** Documentation-pack builds: queue "exports", one job per export. */
export const exportJobs: JobKind<ExportJob> = {
  name: "exports",
  idOf: (job) => job.exportId,
  parse: (data) => exportJobSchema.parse(data),
};
