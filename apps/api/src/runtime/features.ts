import { createExportFeature } from "../exports/runtime.ts";
import { createMemoryFeature } from "../memory/runtime.ts";
import { createWorkflowFeature } from "../workflow/runtime.ts";
import type { Runtime } from "./create-runtime.ts";

/** Workflow, memory and exports plugged into `runtime`: the same features in the API and the worker. */
export function plugFeatures(runtime: Runtime) {
  const memory = createMemoryFeature(runtime);
  const workflow = createWorkflowFeature(runtime, memory);
  // Steps and index jobs stop together, under the steps' deadline.
  runtime.use(memory, workflow);
  // Plugged in after them, so export builds stop first, within their quarter of the deadline.
  const exports = createExportFeature(runtime);
  runtime.use(exports);
  return { memory, workflow, exports };
}
