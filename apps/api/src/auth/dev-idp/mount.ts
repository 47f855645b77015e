import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import { SignInError } from "../errors.ts";
import { DEV_IDP_PREFIX } from "./provider.ts";

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

// The API-wide CSP runs no script and posts no form. The provider's own pages need one of each:
// switching accounts, it ends the previous session with a form its inline script submits (the
// provider adds that script's hash to script-src), and the redirects end on the web app.
const providerPages = {
  helmet: {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  },
};

/**
 * Serves the development provider under /oidc by handing the raw request to its Koa callback.
 * Its own pages (interactions) are separate Fastify routes, which win over this wildcard.
 */
export function mountDevIdentityProvider(
  app: FastifyInstance,
  currentHandler: () => NodeHandler | undefined,
) {
  app.register(async (scope) => {
    // oidc-provider parses its own request bodies, so Fastify must leave the stream unread.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, _payload, done) => done(null));

    scope.all(`${DEV_IDP_PREFIX}/*`, providerPages, async (request, reply) => {
      const handle = currentHandler();
      if (!handle) {
        throw new SignInError("SIGN_IN_UNAVAILABLE", "the development identity provider is starting", 503);
      }
      const raw = request.raw;
      // Mounted the way connect/express mount it: the provider routes the path below its prefix
      // and recovers the prefix from originalUrl when it builds its own URLs.
      Object.assign(raw, { originalUrl: raw.url });
      raw.url = raw.url?.slice(DEV_IDP_PREFIX.length) || "/";
      reply.hijack();
      await handle(raw, reply.raw);
    });
  });
}
