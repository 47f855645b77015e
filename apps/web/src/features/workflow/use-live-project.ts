import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import type { Announcement } from "./live-announcer.tsx";
import {
  announcementFor,
  initialLiveState,
  type LiveState,
  reduceLiveEvent,
  type StaleQuery,
  staleQueriesAfter,
} from "./live-events.ts";
import { type ProjectEvents, useProjectEvents } from "./use-project-events.ts";

/** Enough for a screen reader to catch up; older lines are dropped from the log region. */
const keptAnnouncements = 5;
/** A fresh subscription replays the retained log: a burst of events, refetched once per query. */
const coalesceMs = 100;
/**
 * Replayed history is not news: events older than the page (with room for clock skew between
 * server and browser) update the state silently.
 */
const announceWithinMs = 30_000;

export interface LiveProject extends ProjectEvents {
  live: LiveState;
  /** The latest step or export transitions, for the aria-live log. */
  announcements: Announcement[];
}

/**
 * The project's event stream applied to the page: progress into component state, the end of a
 * run or export into the query cache (refetch by path), transitions into an announcement.
 */
export function useLiveProject(projectId: string): LiveProject {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [live, setLive] = useState<LiveState>(initialLiveState);
  const [announcements, setAnnouncements] = useState<Announcement[]>([]);

  const pending = useRef(new Set<StaleQuery>());
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const mountedAt = useRef(Date.now());
  useEffect(() => () => clearTimeout(flushTimer.current), []);

  const invalidate = useCallback(
    (queries: readonly StaleQuery[]) => {
      for (const query of queries) pending.current.add(query);
      if (flushTimer.current || pending.current.size === 0) return;
      flushTimer.current = setTimeout(() => {
        flushTimer.current = undefined;
        const filters = {
          "workflow.status": trpc.workflow.status.pathFilter(),
          "executions.list": trpc.workflow.executions.pathFilter(),
          "documents.list": trpc.documents.list.pathFilter(),
          "exports.list": trpc.exports.list.pathFilter(),
          "exports.get": trpc.exports.get.pathFilter(),
        } satisfies Record<StaleQuery, unknown>;
        const due = [...pending.current];
        pending.current.clear();
        for (const query of due) void queryClient.invalidateQueries(filters[query]);
      }, coalesceMs);
    },
    [queryClient, trpc],
  );

  const onEvent = useCallback(
    (event: ProgressEvent) => {
      setLive((state) => reduceLiveEvent(state, event));
      invalidate(staleQueriesAfter(event));
      const said = announcementFor(event);
      if (said && Date.parse(event.at) >= mountedAt.current - announceWithinMs) {
        setAnnouncements((list) => [
          ...list.slice(-(keptAnnouncements - 1)),
          { key: (list.at(-1)?.key ?? 0) + 1, text: said },
        ]);
      }
    },
    [invalidate],
  );

  // Back after a loss: whatever ended while the stream was down and fell out of its replay.
  const onReconnected = useCallback(
    () => invalidate(["workflow.status", "executions.list", "documents.list", "exports.list", "exports.get"]),
    [invalidate],
  );

  const events = useProjectEvents(projectId, { onEvent, onReconnected });
  return { ...events, live, announcements };
}
