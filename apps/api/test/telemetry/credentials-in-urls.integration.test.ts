import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDevCredentials, tempDataDir } from "../support/server.ts";
import { type OtlpReceiver, SPAN_KIND_SERVER, startOtlpReceiver } from "./support/otlp-receiver.ts";
import { type AppProcess, eventually, startAppProcess } from "./support/processes.ts";

// Query strings that carry credentials or client data: a signed download link is a bearer
// credential for 15 minutes, /auth/callback gets the OIDC code and state, a tRPC GET carries the
// whole call. None of their values may reach the request log or an exported span.

const SIGNATURE = "SigSecretSigSecretSigSecretSigSecretSigSecr"; // 43 characters, as the route expects
const CODE = "oidc-code-secret-value";
const STATE = "oidc-state-secret-value";
const SEARCH = "trpc-input-secret-value";
const SECRETS = [SIGNATURE, CODE, STATE, SEARCH];
const EXPORT_ID = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

describe("credentials in request URLs stay out of logs and spans", () => {
  let receiver: OtlpReceiver;
  let api: AppProcess;
  let url: string;
  let apiKey: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const dataDir = tempDataDir();
    api = startAppProcess("./src/telemetry/register-api.ts", "./src/main.ts", {
      NODE_ENV: "test",
      JEEX_DEV_MODE: "true",
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      REDIS_URL: "",
      RATE_LIMITS_ENABLED: "false",
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_TRACES_EXPORTER: "otlp",
      OTEL_METRICS_EXPORTER: "none",
      OTEL_SERVICE_NAME: "",
      OTEL_BSP_SCHEDULE_DELAY: "100",
    });
    await api.waitForLog((line) => /^demo tenant created/.test(line.msg ?? ""));
    ({ url, apiKey } = readDevCredentials(dataDir));
    const input = encodeURIComponent(JSON.stringify({ search: SEARCH }));
    await Promise.all([
      fetch(`${url}/exports/${EXPORT_ID}/download?expires=4102444800&sig=${SIGNATURE}`),
      fetch(`${url}/auth/callback?code=${CODE}&state=${STATE}`),
      fetch(`${url}/trpc/projects.list?input=${input}`, { headers: { authorization: `Bearer ${apiKey}` } }),
      fetch(
        `${url}/trpc/projects.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { search: SEARCH } }))}`,
        {
          headers: { authorization: `Bearer ${apiKey}` },
        },
      ),
    ]);
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
    await receiver?.close();
  });

  const serverSpan = (path: string) =>
    receiver.spans.find(
      (span) =>
        span.service === "jeex-api" && span.kind === SPAN_KIND_SERVER && span.attributes["url.path"] === path,
    );

  it("the request log keeps the path and parameter names, not the values", async () => {
    const logged = (path: string) =>
      api.waitForLog((line) => (line.req as { url?: string } | undefined)?.url?.startsWith(path) === true);
    const download = await logged(`/exports/${EXPORT_ID}/download`);
    expect((download.req as { url: string }).url).toBe(
      `/exports/${EXPORT_ID}/download?expires=4102444800&sig=[redacted]`,
    );
    const callback = await logged("/auth/callback");
    expect((callback.req as { url: string }).url).toBe("/auth/callback?code=[redacted]&state=[redacted]");
    const trpc = await logged("/trpc/projects.list?batch=1");
    expect((trpc.req as { url: string }).url).toBe("/trpc/projects.list?batch=1&input=[redacted]");
    const everything = JSON.stringify(api.logs);
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });

  it("the HTTP server spans record the redacted query", async () => {
    const download = await eventually(() => serverSpan(`/exports/${EXPORT_ID}/download`));
    expect(download.attributes["url.query"]).toBe("expires=4102444800&sig=[redacted]");
    const callback = await eventually(() => serverSpan("/auth/callback"));
    expect(callback.attributes["url.query"]).toBe("code=[redacted]&state=[redacted]");
    const trpc = await eventually(() => serverSpan("/trpc/projects.list"));
    expect(String(trpc.attributes["url.query"])).toMatch(/input=\[redacted\]$/);
    await eventually(() =>
      receiver.spans.filter((s) => s.kind === SPAN_KIND_SERVER).length >= 4 ? true : undefined,
    );
    const everything = JSON.stringify(receiver.spans);
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });
});
