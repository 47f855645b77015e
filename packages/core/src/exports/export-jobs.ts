import { z } from "zod";
import { type JobScope, scopedJobKind } from "../queue/job-scope.ts";
import type { JobKind } from "../queue/port.ts";

/** The work item for one export; the export row holds everything else. */
export interface ExportJob extends JobScope {
  exportId: string;
  projectId: string;
}

/** Documentation-pack builds: queue "exports", one job per export. */
export const exportJobs: JobKind<ExportJob> = scopedJobKind({
  name: "exports",
  shape: { exportId: z.uuid(), projectId: z.uuid() },
  idOf: (job) => job.exportId,
});
