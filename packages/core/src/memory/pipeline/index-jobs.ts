import { z } from "zod";
import { type JobScope, scopedJobKind } from "../../queue/job-scope.ts";
import type { JobKind } from "../../queue/port.ts";

/** Index a document's version into project memory, if it is still the active one when the job runs. */
export interface MemoryIndexJob extends JobScope {
  documentId: string;
  versionId: string;
  /** Epoch ms of the request: part of the job id, so re-activating a version indexes it again. */
  requestedAt: number;
}

/**
 * Queue "memory-index". A job id per request rather than per version: BullMQ keeps finished ids
 * (re-adding one is a no-op), and v1 → v2 → v1 must index v1 again. Duplicates are harmless:
 * the handler is idempotent and skips versions that are no longer active.
 */
export const memoryIndexJobs: JobKind<MemoryIndexJob> = scopedJobKind({
  name: "memory-index",
  shape: { documentId: z.uuid(), versionId: z.uuid(), requestedAt: z.number().int().nonnegative() },
  idOf: (job) => `${job.versionId}.${job.requestedAt}`,
});
