import type { TelemetryConfig } from "../config/telemetry.ts";

/** What the preload did, for the start-up log line and for shutdown. */
export interface TelemetryStatus {
  /** The SDK was started by the preload (register-api.ts / register-worker.ts). */
  sdkRunning: boolean;
  serviceName?: string;
  serviceVersion?: string;
  shutdown(): Promise<void>;
}

const notStarted: TelemetryStatus = { sdkRunning: false, shutdown: async () => {} };

// One per process, kept on globalThis rather than in this module: a bundle gives the preload and
// the app each their own copy of this module, and they must still agree.
const STATUS = Symbol.for("jeex.telemetry.status");
const slot = globalThis as typeof globalThis & { [STATUS]?: TelemetryStatus };

export function recordTelemetryStatus(next: TelemetryStatus): void {
  slot[STATUS] = next;
}

export function telemetryStatus(): TelemetryStatus {
  return slot[STATUS] ?? notStarted;
}

/**
 * Flushes pending spans and metrics; safe to call when no SDK runs. Gives up after `deadlineMs`:
 * an unreachable collector must not turn a clean shutdown into a killed one.
 */
export async function stopTelemetry(deadlineMs = 5000): Promise<void> {
  const running = telemetryStatus();
  slot[STATUS] = notStarted;
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, deadlineMs).unref();
  });
  await Promise.race([running.shutdown().catch(() => {}), gaveUp]);
  clearTimeout(timer);
}

/** The start-up log line: which telemetry this process runs, and a warning when that is not what was asked. */
export function describeTelemetry(
  config: TelemetryConfig,
  preload: string,
): { level: "info" | "warn"; message: string } {
  const status = telemetryStatus();
  if (status.sdkRunning) {
    return {
      level: "info",
      message:
        `telemetry: OpenTelemetry SDK exporting OTLP (${config.protocol}) to ${config.endpoint} ` +
        `as ${status.serviceName} ${status.serviceVersion}`,
    };
  }
  if (config.enabled) {
    return {
      level: "warn",
      message:
        "telemetry: OTEL_EXPORTER_OTLP_ENDPOINT is set but the SDK was not preloaded, so nothing is exported; " +
        `start node with --import ${preload} (the package scripts do)`,
    };
  }
  return { level: "info", message: "telemetry: API spans only, no exporter (embedded default)" };
}
