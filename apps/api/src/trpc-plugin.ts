import { bearerTokenFrom, type RequestContext, type RouterServices } from "@jeex/trpc/context";
import { type AppRouter, appRouter } from "@jeex/trpc/router";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import type { FastifyInstance } from "fastify";

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export async function registerTrpc(app: FastifyInstance, services: RouterServices) {
  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: ({ req }): RequestContext => ({
        services,
        requestId: req.id,
        bearerToken: bearerTokenFrom(req.headers.authorization),
        requestedTenantId: singleHeader(req.headers["x-tenant-id"]),
      }),
      onError: ({ error, path, req }) => {
        // Only server faults are reported; client mistakes are answered, not logged as errors.
        if (error.code === "INTERNAL_SERVER_ERROR")
          req.log.error({ err: error.cause ?? error, path }, "procedure failed");
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });
}
