import { z } from "zod";
import type { JobKind } from "./port.ts";

/** What every job kind carries besides its own ids: whom the worker acts for, and the trace it joins. */
export interface JobScope {
  tenantId: string;
  /** Whose tenant transactions the worker opens: the person or key that asked for the work. */
  userId: string;
  /** W3C trace context of the request that queued it, so the worker's spans join its trace. */
  traceparent?: string | undefined;
}

/** The `JobScope` fields of a job schema. */
const jobScopeShape = {
  tenantId: z.uuid(),
  userId: z.uuid(),
  traceparent: z.string().max(128).optional(),
};

/**
 * A job kind whose data is its own fields (`shape`) and the job scope, validated by that one
 * schema on enqueue and again when read back from storage.
 */
export function scopedJobKind<Shape extends z.ZodRawShape>(kind: {
  /** Queue name, e.g. "steps". */
  name: string;
  shape: Shape;
  idOf: (job: z.output<z.ZodObject<Shape & typeof jobScopeShape>>) => string;
}): JobKind<z.output<z.ZodObject<Shape & typeof jobScopeShape>>> {
  const schema = z.object({ ...kind.shape, ...jobScopeShape });
  return { name: kind.name, idOf: kind.idOf, parse: (data) => schema.parse(data) };
}
