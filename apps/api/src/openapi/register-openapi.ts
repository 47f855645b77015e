import type { AnyTRPCRouter } from "@trpc/server";
import type { FastifyInstance } from "fastify";
import { buildOpenApiDocument, type OpenApiOptions } from "./openapi-document.ts";

/** `GET /openapi.json`: the contract for callers in any language, built once on first request. */
export function registerOpenApi(app: FastifyInstance, router: AnyTRPCRouter, options: OpenApiOptions): void {
  let document: string | undefined;
  app.get("/openapi.json", async (_request, reply) => {
    document ??= JSON.stringify(buildOpenApiDocument(router, options));
    return reply.type("application/json; charset=utf-8").header("cache-control", "no-cache").send(document);
  });
}
