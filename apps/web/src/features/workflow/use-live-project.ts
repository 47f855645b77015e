import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import {
  announcementFor,
  initialLiveState,
  type LiveState,
  reduceLiveEvent,
  type StaleQuery,
  staleQueriesAfter,
} from "./live-events.ts";
import { type ProjectEvents, useProjectEvents } from "./use-project-events.ts";

export interface LiveProject extends ProjectEvents {
  live: LiveState;
  /** The latest step or export transition, for an aria-live region. */
  announcement: string;
}

/**
 * The project's event stream applied to the page: progress into component state, the end of a
 * run or export into the query cache (refetch by path), transitions into an announcement.
 */
export function useLiveProject(projectId: string): LiveProject {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [live, setLive] = useState<LiveState>(initialLiveState);
  const [announcement, setAnnouncement] = useState("");

  const invalidate = useCallback(
    (queries: readonly StaleQuery[]) => {
      const filters = {
        "workflow.status": trpc.workflow.status.pathFilter(),
        "executions.list": trpc.workflow.executions.pathFilter(),
        "documents.list": trpc.documents.list.pathFilter(),
        "exports.list": trpc.exports.list.pathFilter(),
        "exports.get": trpc.exports.get.pathFilter(),
      } satisfies Record<StaleQuery, unknown>;
      for (const query of queries) void queryClient.invalidateQueries(filters[query]);
    },
    [queryClient, trpc],
  );

  const onEvent = useCallback(
    (event: ProgressEvent) => {
      setLive((state) => reduceLiveEvent(state, event));
      invalidate(staleQueriesAfter(event));
      const said = announcementFor(event);
      if (said) setAnnouncement(said);
    },
    [invalidate],
  );

  // Back after a loss: whatever ended while the stream was down and fell out of its replay.
  const onReconnected = useCallback(
    () => invalidate(["workflow.status", "executions.list", "documents.list", "exports.list", "exports.get"]),
    [invalidate],
  );

  const events = useProjectEvents(projectId, { onEvent, onReconnected });
  return { ...events, live, announcement };
}
