import { existsSync } from "node:fs";
import { join } from "node:path";
import { fastifyStatic } from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { WebConfig } from "../config/web.ts";
import { webAppCsp } from "./csp.ts";
import { isAppDeepLink } from "./deep-links.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";
/** The tab icon keeps its name across builds: a day's cache spares a request per page, and a new icon still shows by tomorrow. */
const ICON = "public, max-age=86400";
const ICON_FILE = "favicon.svg";

/**
 * Serves the built web app at `/`: hashed files under assets/ cached for a year (a new build has
 * new names), the icon for a day, everything else — index.html above all — revalidated on each
 * load (`no-cache`), so a deploy reaches every browser on its next navigation. A page navigation
 * to a deep link gets index.html and the client router takes over; API routes are registered
 * elsewhere and win.
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
        const icon = path === join(web.distDir, ICON_FILE);
        reply.header("cache-control", hashed ? IMMUTABLE : icon ? ICON : "no-cache");
      },
    });
    // Browsers ask for /favicon.ico on pages that name no icon (a JSON error, the API's own pages).
    const hasIcon = existsSync(join(web.distDir, ICON_FILE));
    if (hasIcon && !existsSync(join(web.distDir, "favicon.ico"))) {
      scope.get("/favicon.ico", (_request, reply) =>
        reply.header("cache-control", ICON).redirect(`/${ICON_FILE}`, 301),
      );
    }
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
