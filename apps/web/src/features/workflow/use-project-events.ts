import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import { isAfterEventId } from "@jeex/contracts/event-ids";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import { describeError } from "../../lib/trpc-error.ts";

/** What the connection indicator says. `closed`: the server refused the stream for good. */
export type ConnectionState = "connecting" | "live" | "reconnecting" | "closed";

export interface ProjectEventsOptions {
  /** Each event once, in order, with its id. */
  onEvent: (event: ProgressEvent, id: string) => void;
  /** The stream is back after a loss: anything the replay could not cover is worth refetching. */
  onReconnected?: () => void;
}

export interface ProjectEvents {
  connection: ConnectionState;
  /** Why the stream closed (only with `closed`). */
  error: unknown;
  lastEventId: string | undefined;
}

/** Refusals that subscribing again cannot fix; anything else (network, restart, 5xx) is retried. */
const fatalCodes = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "BAD_REQUEST"]);
const isFatal = (error: unknown) => {
  const { httpStatus } = describeError(error);
  const code = (error as { data?: { code?: unknown } } | null)?.data?.code;
  return (typeof code === "string" && fatalCodes.has(code)) || httpStatus === 401 || httpStatus === 403;
};

const maxRetryDelayMs = 5_000;

/**
 * A project's `workflow.events`, resumed from the last event id whenever the connection drops.
 *
 * Two layers resume: tRPC's httpSubscriptionLink keeps the last `tracked` id of one subscription
 * and sends it on every reconnect of its EventSource (the browser's own retry sends it as the
 * Last-Event-ID header, a recreated EventSource as `input.lastEventId`). When the EventSource
 * gives up instead (an HTTP error while the server restarts), the subscription ends in an error
 * and `useSubscription` would start over from the input; so this hook subscribes again with
 * `lastEventId` set to the last id it handed out. Ids at or before that one are dropped, so each
 * event reaches `onEvent` once, in order.
 */
export function useProjectEvents(projectId: string, options: ProjectEventsOptions): ProjectEvents {
  const trpc = useTRPC();
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const lastIdRef = useRef<string | undefined>(undefined);
  const [lastEventId, setLastEventId] = useState<string | undefined>(undefined);
  const [resumeFrom, setResumeFrom] = useState<string | undefined>(undefined);
  const [hasBeenLive, setHasBeenLive] = useState(false);
  const [fatalError, setFatalError] = useState<unknown>(null);
  const failures = useRef(0);
  const everStarted = useRef(false);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const resetRef = useRef<() => void>(() => {});
  const resumeFromRef = useRef(resumeFrom);
  resumeFromRef.current = resumeFrom;

  /** Subscribes again after a growing pause, from the last id handed out. */
  const scheduleResubscribe = () => {
    const delay = Math.min(500 * 2 ** failures.current, maxRetryDelayMs);
    failures.current += 1;
    clearTimeout(retryTimer.current);
    retryTimer.current = setTimeout(() => {
      const last = lastIdRef.current;
      // A new lastEventId is a new subscription key; the same one needs an explicit restart.
      if (last !== resumeFromRef.current) setResumeFrom(last);
      else resetRef.current();
    }, delay);
  };

  const input = resumeFrom ? { projectId, lastEventId: resumeFrom } : { projectId };
  const subscription = useSubscription(
    trpc.workflow.events.subscriptionOptions(input, {
      onStarted() {
        failures.current = 0;
        setFatalError(null);
        setHasBeenLive(true);
        if (everStarted.current) optionsRef.current.onReconnected?.();
        everStarted.current = true;
      },
      onData(tracked) {
        if (!isAfterEventId(tracked.id, lastIdRef.current)) return;
        lastIdRef.current = tracked.id;
        setLastEventId(tracked.id);
        optionsRef.current.onEvent(tracked.data as ProgressEvent, tracked.id);
      },
      onError(error) {
        if (isFatal(error)) {
          setFatalError(error);
          return;
        }
        scheduleResubscribe();
      },
    }),
  );
  resetRef.current = subscription.reset;

  useEffect(() => () => clearTimeout(retryTimer.current), []);

  // The server ended the stream cleanly (it drains before a restart): another instance, or this
  // one back up, carries on from the last id.
  const ended = subscription.status === "idle" && hasBeenLive && !fatalError;
  const scheduleRef = useRef(scheduleResubscribe);
  scheduleRef.current = scheduleResubscribe;
  useEffect(() => {
    if (ended) scheduleRef.current();
  }, [ended]);

  let connection: ConnectionState;
  if (fatalError) connection = "closed";
  else if (subscription.status === "pending") connection = "live";
  else connection = hasBeenLive || subscription.status === "error" ? "reconnecting" : "connecting";

  return { connection, error: fatalError, lastEventId };
}
