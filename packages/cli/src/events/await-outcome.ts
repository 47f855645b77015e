import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import { CliError, interrupted } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";
import { isNetworkError, toCliError } from "../server-errors.ts";
import type { ProjectEventStream } from "./project-events.ts";

export interface AwaitOutcomeOptions<Outcome> {
  events: ProjectEventStream;
  signal: AbortSignal;
  /** The outcome this event settles, if any (also the place to move a progress bar). */
  onEvent(event: ProgressEvent): Outcome | undefined;
  /** Asks the server directly; the outcome when the work already ended. */
  check(): Promise<Outcome | undefined>;
  /** Said when Ctrl-C stops the wait: what keeps running on the server. */
  interruptedMessage: string;
  pollIntervalMs?: number;
  /** No stream and no answer from `check` for this long ends the wait with exit 7. */
  lostAfterMs?: number;
  now?: () => number;
}

const DEFAULT_POLL_INTERVAL_MS = 5_000;
const DEFAULT_LOST_AFTER_MS = 60_000;

/**
 * Waits for the terminal event of one execution or export. The stream is the fast path; `check`
 * runs after every reconnect and on a slow timer, so work that finished while the connection was
 * down (or whose events fell out of the server's bounded log) is never waited on forever. The
 * timer also keeps Node alive while the EventSource waits, unref'd, to reconnect.
 */
export function awaitOutcome<Outcome>(options: AwaitOutcomeOptions<Outcome>): Promise<Outcome> {
  const { events, signal } = options;
  const now = options.now ?? Date.now;
  const lostAfterMs = options.lostAfterMs ?? DEFAULT_LOST_AFTER_MS;

  return new Promise<Outcome>((resolve, reject) => {
    const cleanups: (() => void)[] = [];
    let settled = false;
    let checking = false;
    // A stream that cannot connect while `check` still gets answers is slow, not lost.
    let lastAnswer = now();

    const cleanUp = () => {
      for (const cleanup of cleanups.splice(0)) cleanup();
    };
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      cleanUp();
      settle();
    };
    const settleWith = (outcome: Outcome | undefined) => {
      if (outcome !== undefined) finish(() => resolve(outcome));
    };
    const fail = (error: unknown) => finish(() => reject(error));

    const check = () => {
      if (settled || checking) return;
      checking = true;
      options
        .check()
        .then(
          (outcome) => {
            lastAnswer = now();
            settleWith(outcome);
          },
          (error: unknown) => {
            // Unreachable is what the stream is already recovering from; anything else is an answer.
            if (!isNetworkError(error)) fail(toCliError(error));
          },
        )
        .finally(() => {
          checking = false;
        });
    };

    cleanups.push(
      events.onEvent((event) => {
        try {
          settleWith(options.onEvent(event));
        } catch (error) {
          fail(error);
        }
      }),
      events.onReconnected(check),
      events.onFatal(fail),
    );

    const timer = setInterval(() => {
      const downSince = events.disconnectedSince;
      if (downSince !== undefined && now() - Math.max(downSince, lastAnswer) > lostAfterMs) {
        fail(
          new CliError(
            `lost the connection to the server for ${Math.round(lostAfterMs / 1000)} s; ${options.interruptedMessage}`,
            ExitCode.unreachable,
            { code: "CONNECTION_LOST" },
          ),
        );
      } else {
        check();
      }
    }, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    cleanups.push(() => clearInterval(timer));

    const onAbort = () => fail(interrupted(`interrupted; ${options.interruptedMessage}`));
    signal.addEventListener("abort", onAbort, { once: true });
    cleanups.push(() => signal.removeEventListener("abort", onAbort));
    if (signal.aborted) onAbort();
    // Settled while registering (a fatal error the stream already had): drop what came after.
    if (settled) cleanUp();
  });
}
