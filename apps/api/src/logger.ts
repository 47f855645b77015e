import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AppConfig } from "./config.ts";
import { logCorrelation } from "./telemetry/log-correlation.ts";

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's x-request-id when it is sane, so one id follows a call across services. */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers["x-request-id"];
  return typeof incoming === "string" && CLIENT_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function loggerOptions(config: AppConfig) {
  return {
    level: config.logLevel,
    base: { service: "jeex-api" },
    redact: { paths: ["req.headers.authorization", "req.headers.cookie"], remove: true },
    mixin: logCorrelation,
  };
}
