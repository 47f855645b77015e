import { z } from "zod";
import { booleanFlag, optionalText } from "./flags.ts";

// OpenTelemetry settings. Only the variables this app decides on are parsed here (config.ts composes
// the shape into its one env schema); the SDK reads the rest of the standard OTEL_* variables itself
// (OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_SCHEDULE_DELAY, OTEL_METRIC_EXPORT_INTERVAL, samplers, …).

export const telemetryEnvShape = {
  /** Base OTLP URL (e.g. http://collector:4318). Set = the SDK starts; unset = API spans only, no exporter. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "must be an http(s):// URL" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** How spans and metrics travel: the SDK's own default, protobuf over HTTP, or JSON over HTTP. */
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(["http/protobuf", "http/json", "grpc"]).default("http/protobuf"),
  /** Defaults to jeex-api or jeex-worker, whichever process is starting. */
  OTEL_SERVICE_NAME: optionalText,
  OTEL_SDK_DISABLED: booleanFlag(false),
};

type TelemetryEnv = z.output<z.ZodObject<typeof telemetryEnvShape>>;

export function telemetryConfigFrom(env: TelemetryEnv) {
  return {
    /** Whether the SDK should start: an endpoint is configured and the SDK is not switched off. */
    enabled: Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT) && !env.OTEL_SDK_DISABLED,
    endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    protocol: env.OTEL_EXPORTER_OTLP_PROTOCOL,
    serviceName: env.OTEL_SERVICE_NAME,
  };
}

export type TelemetryConfig = ReturnType<typeof telemetryConfigFrom>;
