import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { context } from "@opentelemetry/api";
import { getRPCMetadata, RPCType } from "@opentelemetry/core";
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";

// Fastify announces every new instance on this channel, before any route or plugin is added.
const FASTIFY_CREATED = "fastify.initialization";

/**
 * Gives the HTTP server span (and the http.server.request.duration metric) the matched route, e.g.
 * `POST /trpc/:path`. This is all we take from Fastify instrumentation: @fastify/otel would add a
 * span per hook and per handler on every request, and pins an older @opentelemetry/core whose
 * peer range excludes our @opentelemetry/api.
 */
export function nameServerSpansByRoute(): () => void {
  const onCreated = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook("onRequest", recordRoute);
  };
  subscribe(FASTIFY_CREATED, onCreated);
  return () => unsubscribe(FASTIFY_CREATED, onCreated);
}

// A callback hook, not async: it runs on every request and has nothing to wait for.
function recordRoute(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) {
  const rpc = getRPCMetadata(context.active());
  const route = request.routeOptions.url;
  if (rpc?.type === RPCType.HTTP && route) rpc.route = route;
  done();
}
