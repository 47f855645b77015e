import { existsSync } from "node:fs";
import { join } from "node:path";
import { fastifyStatic } from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { WebConfig } from "../config/web.ts";
import { webAppCsp } from "./csp.ts";
import { isAppDeepLink } from "./deep-links.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Serves the built web app at `/`: hashed files under assets/ cached for a year (a new build has
 * new names), everything else — index.html above all — revalidated on each load (`no-cache`), so
 * a deploy reaches every browser on its next navigation. A page navigation to a deep link gets
 * index.html and the client router takes over; API routes are registered elsewhere and win.
 */
export function registerWebApp(app: FastifyInstance, web: WebConfig): { served: boolean } {
  const indexFile = join(web.distDir, "index.html");
  if (!existsSync(indexFile)) {
    app.log.warn(
      { distDir: web.distDir },
      "web app not built: `/` serves nothing (pnpm --filter @jeex/web build, or pnpm start builds it)",
    );
    return { served: false };
  }
  app.register(async (scope) => {
    // Replaces the API's allow-nothing CSP (set by helmet on every response) on the app's files.
    scope.addHook("onSend", async (_request, reply, payload) => {
      reply.header("content-security-policy", webAppCsp);
      return payload;
    });
    await scope.register(fastifyStatic, {
      root: web.distDir,
      prefix: "/",
      // Routes for the files present at start; the catch-all below handles everything else.
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (reply, path) => {
        const hashed = path.startsWith(join(web.distDir, "assets"));
        reply.header("cache-control", hashed ? IMMUTABLE : "no-cache");
      },
    });
    const sendIndex = (reply: FastifyReply) =>
      reply.header("cache-control", "no-cache").type("text/html; charset=utf-8").sendFile("index.html");
    scope.get("/", (_request, reply) => sendIndex(reply));
    scope.get("/*", (request, reply) => {
      if (!isAppDeepLink(request.method, request.url, request.headers.accept)) return reply.callNotFound();
      return sendIndex(reply);
    });
  });
  return { served: true };
}
