import { loadTelemetryConfig } from "../config.ts";
import { recordTelemetryStatus } from "./status.ts";

/**
 * Starts the OpenTelemetry SDK when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise does nothing and the
 * API's spans stay no-ops. Called by the preloads only, before the app's modules are imported.
 */
export async function bootstrapTelemetry(defaultServiceName: string): Promise<void> {
  const config = loadTelemetryConfig();
  if (!config?.enabled) return;
  // Imported only when it will run: the SDK and its exporters are a lot of modules to load for nothing.
  const { startSdk } = await import("./sdk.ts");
  const sdk = startSdk(config.serviceName ?? defaultServiceName);
  recordTelemetryStatus({ sdkRunning: true, ...sdk });
}
