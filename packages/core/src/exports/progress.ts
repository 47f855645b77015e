import type { ExportEvent, ProgressEvent } from "@jeex/contracts/agents/progress-events";
import type { EventLog, StreamKey } from "../events/port.ts";

type Payload<T extends ExportEvent["type"]> = Omit<
  Extract<ExportEvent, { type: T }>,
  "type" | "exportId" | "projectId" | "at"
>;

/** Publishes one export's progress on its project's stream, beside the workflow's events. */
export function exportProgress(events: EventLog<ProgressEvent>, key: StreamKey, exportId: string) {
  return function publish<T extends ExportEvent["type"]>(type: T, payload: Payload<T>): Promise<string> {
    const event = {
      type,
      exportId,
      projectId: key.projectId,
      at: new Date().toISOString(),
      ...payload,
    } as ExportEvent;
    return events.append(key, event);
  };
}
