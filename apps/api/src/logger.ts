import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { withoutQueryValues } from "@jeex/db/errors";
import { type DestinationStream, stdSerializers } from "pino";
import type { AppConfig } from "./config.ts";
import { logCorrelation } from "./telemetry/log-correlation.ts";
import { redactUrl } from "./telemetry/url-redaction.ts";

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's x-request-id when it is sane, so one id follows a call across services. */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers["x-request-id"];
  return typeof incoming === "string" && CLIENT_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * What Fastify's own request serializer logs, with the query values that are credentials or
 * client data (signed-link `sig`, OIDC `code`/`state`, tRPC `input`) replaced.
 */
function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: request.url === undefined ? undefined : redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** Errors as pino logs them, without a failed query's bound values (a document, an email, a secret). */
const serializeError = (error: Error) => stdSerializers.err(withoutQueryValues(error));

/** Options for Fastify's logger and the worker's pino; `destination` replaces stdout (tests read it). */
export function loggerOptions(config: AppConfig, destination?: DestinationStream) {
  return {
    level: config.logLevel,
    base: { service: "jeex-api" },
    redact: { paths: ["req.headers.authorization", "req.headers.cookie"], remove: true },
    serializers: { req: serializeRequest, err: serializeError },
    mixin: logCorrelation,
    ...(destination ? { stream: destination } : {}),
  };
}
