import type { JeexClient } from "@jeex/client";
import { type ProgressEvent, progressEventSchema } from "@jeex/contracts/agents/progress-events";
import { isAfterEventId } from "@jeex/contracts/event-ids";
import { CliError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";
import { isNetworkError, toCliError } from "../server-errors.ts";
import { listenOn } from "./listen-on.ts";

/**
 * A project's progress stream that survives dropped connections. The SSE link reconnects by itself
 * and resends the last event id; when the stream ends or fails instead (the server drained, a proxy
 * cut it, the EventSource gave up), this subscribes again from the last id it saw, so every event
 * still arrives exactly once, in order.
 */
export interface ProjectEventStream {
  onEvent(listener: (event: ProgressEvent) => void): () => void;
  /** A connection opened after one was lost: work may have finished meanwhile, worth checking. */
  onReconnected(listener: () => void): () => void;
  /** A failure that subscribing again cannot fix (key revoked, project deleted); told to late listeners too. */
  onFatal(listener: (error: CliError) => void): () => void;
  /** Since when (epoch ms) the stream has been down, or undefined while it is connected. */
  readonly disconnectedSince: number | undefined;
  readonly lastEventId: string | undefined;
  close(): void;
}

const MAX_RESUBSCRIBE_DELAY_MS = 5_000;
/** Errors worth retrying look like these; anything the server answered with a reason is final. */
const fatalExitCodes = new Set<number>([
  ExitCode.usage,
  ExitCode.unauthenticated,
  ExitCode.forbidden,
  ExitCode.notFound,
]);
const fatalHttpStatus: Record<number, ExitCode> = {
  401: ExitCode.unauthenticated,
  403: ExitCode.forbidden,
  404: ExitCode.notFound,
};

/** A non-200 answer to the EventSource request surfaces as an error event carrying the status. */
function fatalErrorOf(error: unknown): CliError | undefined {
  const status = (error as { cause?: { code?: unknown } }).cause?.code;
  if (typeof status === "number" && fatalHttpStatus[status] !== undefined) {
    return new CliError(`the progress stream was refused (HTTP ${status})`, fatalHttpStatus[status], {
      code: `HTTP_${status}`,
    });
  }
  if (isNetworkError(error)) return undefined;
  const mapped = toCliError(error);
  return fatalExitCodes.has(mapped.exitCode) ? mapped : undefined;
}

export function openProjectEvents(
  client: JeexClient,
  projectId: string,
  now: () => number = Date.now,
): ProjectEventStream {
  const eventListeners = new Set<(event: ProgressEvent) => void>();
  const reconnectListeners = new Set<() => void>();
  const fatalListeners = new Set<(error: CliError) => void>();
  let lastEventId: string | undefined;
  let fatalError: CliError | undefined;
  let disconnectedSince: number | undefined = now();
  let everConnected = false;
  let closed = false;
  let failedAttempts = 0;
  // Callbacks of a subscription we already replaced are ignored.
  let generation = 0;
  let current: { unsubscribe(): void } | undefined;
  let retryTimer: NodeJS.Timeout | undefined;

  const markDown = () => {
    disconnectedSince ??= now();
  };

  function subscribeAgainLater() {
    if (closed || retryTimer) return;
    markDown();
    const delay = Math.min(500 * 2 ** failedAttempts, MAX_RESUBSCRIBE_DELAY_MS);
    failedAttempts += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      subscribe();
    }, delay);
  }

  function subscribe() {
    if (closed) return;
    // Bump first: the old subscription may report "complete" while it is being torn down.
    const mine = ++generation;
    current?.unsubscribe();
    const live = () => mine === generation && !closed;
    current = client.workflow.events.subscribe(
      { projectId, ...(lastEventId ? { lastEventId } : {}) },
      {
        onStarted() {
          if (!live()) return;
          failedAttempts = 0;
          disconnectedSince = undefined;
          if (everConnected) for (const listener of reconnectListeners) listener();
          everConnected = true;
        },
        onData(tracked) {
          if (!live() || !isAfterEventId(tracked.id, lastEventId)) return;
          lastEventId = tracked.id;
          // An event type this CLI does not know yet (a newer server) is skipped, not fatal.
          const parsed = progressEventSchema.safeParse(tracked.data);
          if (parsed.success) for (const listener of eventListeners) listener(parsed.data);
        },
        onConnectionStateChange(state) {
          if (live() && state.state === "connecting" && state.error) markDown();
        },
        onError(error) {
          if (!live()) return;
          markDown();
          fatalError = fatalErrorOf(error);
          if (fatalError) for (const listener of fatalListeners) listener(fatalError);
          else subscribeAgainLater();
        },
        onComplete() {
          // The server ends streams when it drains; another instance (or this one, restarted) resumes it.
          if (live()) subscribeAgainLater();
        },
      },
    );
  }

  subscribe();

  return {
    onEvent: listenOn(eventListeners),
    onReconnected: listenOn(reconnectListeners),
    onFatal(listener) {
      if (fatalError) listener(fatalError);
      return listenOn(fatalListeners)(listener);
    },
    get disconnectedSince() {
      return disconnectedSince;
    },
    get lastEventId() {
      return lastEventId;
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      current?.unsubscribe();
    },
  };
}
