import { errorDataSchema } from "@jeex/contracts/errors";
import { CSRF_HEADER } from "@jeex/trpc/context";
import type { ProcedureAccess } from "@jeex/trpc/meta";
import type { AnyTRPCRouter, TRPCProcedureType } from "@trpc/server";
import { type ProcedureDefinition, procedureTable } from "../procedure-table.ts";
import { type JsonSchema, jsonSchemaOf, mergedInput } from "./json-schema.ts";

export interface OpenApiOptions {
  version: string;
  /** Names of the credentials as this server reads them. */
  sessionCookieName: string;
}

const errorEnvelope: JsonSchema = {
  type: "object",
  description: "Every failed call: a human message and `data` a caller can branch on (`appCode`).",
  properties: {
    error: {
      type: "object",
      properties: {
        message: { type: "string" },
        code: { type: "integer", description: "JSON-RPC 2.0 error code" },
        data: jsonSchemaOf(errorDataSchema, "output"),
      },
      required: ["message", "code", "data"],
    },
  },
  required: ["error"],
};

const tenantHeader = {
  name: "x-tenant-id",
  in: "header",
  required: false,
  description: "The tenant to act in: one of the caller's memberships (default: the personal tenant).",
  schema: { type: "string", format: "uuid" },
};

function securityFor(access: ProcedureAccess, type: TRPCProcedureType) {
  if (access === "public") return [];
  // A cookie-signed browser must also send the CSRF header on mutations (it forces a preflight).
  const cookie = type === "mutation" ? { sessionCookie: [], csrfHeader: [] } : { sessionCookie: [] };
  return access === "person" ? [cookie] : [{ bearer: [] }, cookie];
}

function describeAccess(access: ProcedureAccess): string {
  if (access === "public") return "Public: no credential needed.";
  if (access === "signed-in") return "Any signed-in caller.";
  if (access === "person")
    return "A person signed in with a browser session; API keys and client tokens are refused.";
  return `Needs the **${access}** role (or higher) in the active tenant.`;
}

function successResponse(type: TRPCProcedureType, output: JsonSchema) {
  if (type === "subscription") {
    return {
      description:
        "Server-sent events. Each `data:` line is JSON of one event; `id:` is its event id — reconnect " +
        "with `lastEventId` in the input (or the `Last-Event-ID` header) to resume after it. The stream " +
        "pings every 15 s and ends with `event: return` when the server ends it.",
      content: { "text/event-stream": { schema: { type: "string" }, "x-event-data": output } },
    };
  }
  return {
    description: "The procedure's result.",
    content: {
      "application/json": {
        schema: {
          type: "object",
          properties: { result: { type: "object", properties: { data: output }, required: ["data"] } },
          required: ["result"],
        },
      },
    },
  };
}

function operationFor(path: string, def: ProcedureDefinition) {
  const access = def.meta?.access ?? "signed-in";
  const input = mergedInput(def.inputs);
  const output = mergedInput(def.output === undefined ? [] : [def.output]);
  const inputSchema = input ? jsonSchemaOf(input, "input") : undefined;
  const inputOptional = !input || input.safeParse(undefined).success;
  const operation: Record<string, unknown> = {
    operationId: path,
    tags: [path.split(".")[0] ?? path],
    summary: `${path} (${def.type})`,
    description: describeAccess(access),
    security: securityFor(access, def.type),
    "x-trpc-type": def.type,
    "x-jeex-access": access,
    responses: {
      "200": successResponse(def.type, output ? jsonSchemaOf(output, "output") : {}),
      default: { $ref: "#/components/responses/Error" },
    },
  };
  const parameters: unknown[] = access === "public" || access === "signed-in" ? [] : [tenantHeader];
  if (def.type === "mutation") {
    if (inputSchema) {
      operation.requestBody = {
        required: !inputOptional,
        content: { "application/json": { schema: inputSchema } },
      };
    }
  } else if (inputSchema) {
    parameters.unshift({
      name: "input",
      in: "query",
      required: !inputOptional,
      description: "The input as JSON, URL-encoded: `?input=<encodeURIComponent(JSON.stringify(value))>`.",
      content: { "application/json": { schema: inputSchema } },
    });
  }
  if (parameters.length > 0) operation.parameters = parameters;
  return operation;
}

/** The router as it travels on the wire, as OpenAPI 3.1: generated, never hand-written. */
export function buildOpenApiDocument(router: AnyTRPCRouter, options: OpenApiOptions) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, definition] of procedureTable(router)) {
    const method = definition.type === "mutation" ? "post" : "get";
    paths[`/trpc/${path}`] = { [method]: operationFor(path, definition) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "JEEX Plan API",
      version: options.version,
      description:
        "tRPC over plain JSON (no transformer; timestamps are ISO-8601 strings). Queries are " +
        "`GET /trpc/<path>?input=<json>`, mutations `POST /trpc/<path>` with a JSON body, subscriptions " +
        "server-sent events on `GET`. Lists take `{ cursor?, limit }` and answer `{ items, nextCursor }`.",
    },
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API key (`jeex_<prefix>_<secret>`) or an OAuth client-credentials access token.",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: options.sessionCookieName,
          description: "The browser session set by sign-in (`/auth/login`).",
        },
        csrfHeader: {
          type: "apiKey",
          in: "header",
          name: CSRF_HEADER,
          description: "Any value; required with the session cookie on mutations.",
        },
      },
      schemas: { Error: errorEnvelope },
      responses: {
        Error: {
          description: "A failed call (4xx for caller errors, 503 to retry, 500 only for a server bug).",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
  };
}
