import type { ExecutionEvent, ProgressEvent } from "@jeex/contracts/agents/progress-events";
import type { Step } from "@jeex/contracts/steps";
import type { EventLog, StreamKey } from "../events/port.ts";

type Payload<T extends ExecutionEvent["type"]> = Omit<
  Extract<ExecutionEvent, { type: T }>,
  "type" | "executionId" | "projectId" | "step" | "at"
>;

/** Publishes the progress events of one execution on its project's stream. */
export function executionProgress(
  events: EventLog<ProgressEvent>,
  key: StreamKey,
  execution: { executionId: string; step: Step },
) {
  return function publish<T extends ExecutionEvent["type"]>(type: T, payload: Payload<T>): Promise<string> {
    const event = {
      type,
      executionId: execution.executionId,
      projectId: key.projectId,
      step: execution.step,
      at: new Date().toISOString(),
      ...payload,
    } as ExecutionEvent;
    return events.append(key, event);
  };
}
