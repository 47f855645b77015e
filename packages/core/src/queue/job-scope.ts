import { z } from "zod";

/** What every job kind carries besides its own ids: whom the worker acts for, and the trace it joins. */
export interface JobScope {
  tenantId: string;
  /** Whose tenant transactions the worker opens: the person or key that asked for the work. */
  userId: string;
  /** W3C trace context of the request that queued it, so the worker's spans join its trace. */
  traceparent?: string | undefined;
}

/** The `JobScope` fields of a job schema, to spread into its `z.object`. */
export const jobScopeShape = {
  tenantId: z.uuid(),
  userId: z.uuid(),
  traceparent: z.string().max(128).optional(),
};
