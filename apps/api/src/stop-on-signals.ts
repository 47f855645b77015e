import type { FastifyBaseLogger } from "fastify";
import { stopTelemetry } from "./telemetry/status.ts";

export interface GracefulStop {
  log: Pick<FastifyBaseLogger, "info" | "error">;
  /** What the process says it is finishing, logged with the signal. */
  message: string;
  /** Finishes the work in hand and releases what the process holds. */
  stop: () => Promise<void>;
  /** After this the process exits 1 whatever `stop` is still waiting for. */
  deadlineMs: number;
}

/**
 * The API's and the worker's ending: the first SIGTERM or SIGINT runs `stop`, then flushes
 * telemetry (after `stop`, so the spans of the work it finished go out too) and exits 0.
 */
export function stopOnSignals({ log, message, stop, deadlineMs }: GracefulStop): void {
  let stopping = false;
  async function shutdown(signal: NodeJS.Signals) {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, message);
    const deadline = setTimeout(() => {
      log.error({ timeoutMs: deadlineMs }, "shutdown deadline passed; exiting");
      process.exit(1);
    }, deadlineMs);
    deadline.unref();
    await stop();
    await stopTelemetry();
    process.exit(0);
  }
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}
