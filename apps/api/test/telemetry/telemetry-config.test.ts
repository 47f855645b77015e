import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadTelemetryConfig } from "../../src/config.ts";
import { describeTelemetry } from "../../src/telemetry/status.ts";

const base = { NODE_ENV: "test", JEEX_DEV_MODE: "true", DATA_DIR: "/tmp/jeex-telemetry-config" };

describe("telemetry configuration", () => {
  it("without OTEL_EXPORTER_OTLP_ENDPOINT no SDK starts, and start-up says so", () => {
    const { telemetry } = loadConfig(base);
    expect(telemetry.enabled).toBe(false);
    expect(describeTelemetry(telemetry, "register-api.ts")).toEqual({
      level: "info",
      message: "telemetry: API spans only, no exporter (embedded default)",
    });
  });

  it("an endpoint turns the SDK on, with protobuf over HTTP unless told otherwise", () => {
    const { telemetry } = loadConfig({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" });
    expect(telemetry).toMatchObject({ enabled: true, protocol: "http/protobuf", serviceName: undefined });
  });

  it("OTEL_SDK_DISABLED wins over the endpoint", () => {
    const telemetry = loadTelemetryConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
      OTEL_SDK_DISABLED: "true",
    });
    expect(telemetry?.enabled).toBe(false);
  });

  it("an endpoint without the preload is a warning naming the preload", () => {
    const telemetry = loadTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" });
    if (!telemetry) throw new Error("expected a telemetry config");
    const said = describeTelemetry(telemetry, "./src/telemetry/register-api.ts");
    expect(said.level).toBe("warn");
    expect(said.message).toContain("--import ./src/telemetry/register-api.ts");
  });

  it("a malformed endpoint or protocol stops the start, named by variable", () => {
    const env = {
      ...base,
      OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318",
      OTEL_EXPORTER_OTLP_PROTOCOL: "udp",
    };
    const error = (() => {
      try {
        loadConfig(env);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/OTEL_EXPORTER_OTLP_ENDPOINT: must be an http\(s\):\/\/ URL/);
    expect((error as Error).message).toMatch(/OTEL_EXPORTER_OTLP_PROTOCOL/);
    // The preload leaves the report to loadConfig.
    expect(loadTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toBeUndefined();
  });
});
