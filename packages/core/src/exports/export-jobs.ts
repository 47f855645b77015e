import { z } from "zod";
import type { JobKind } from "../queue/port.ts";

/** The work item for one export; the export row holds everything else. */
export interface ExportJob {
  exportId: string;
  tenantId: string;
  projectId: string;
  /** Who asked for it: the job's tenant transactions run as this user. */
  userId: string;
  /** W3C trace context of the request that queued it, so the worker's span joins its trace. */
  traceparent?: string | undefined;
}

const exportJobSchema = z.object({
  exportId: z.uuid(),
  tenantId: z.uuid(),
  projectId: z.uuid(),
  userId: z.uuid(),
  traceparent: z.string().max(128).optional(),
}) satisfies z.ZodType<ExportJob>;

/** Documentation-pack builds: queue "exports", one job per export. */
export const exportJobs: JobKind<ExportJob> = {
  name: "exports",
  idOf: (job) => job.exportId,
  parse: (data) => exportJobSchema.parse(data),
};
