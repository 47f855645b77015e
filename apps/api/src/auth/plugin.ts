import { fastifyCookie } from "@fastify/cookie";
import type { LoginProvider } from "@jeex/contracts/auth";
import type { Principal } from "@jeex/core/auth";
import {
  createAccessTokenVerifier,
  createSessionAuthenticator,
  type TrustedIssuer,
  type VerifyAccessToken,
} from "@jeex/core/auth";
import type { Database } from "@jeex/db/client";
import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import type { AuthConfig } from "../config/auth.ts";
import { authCookies, CALLBACK_PATH } from "./cookies.ts";
import { DEV_ACCOUNT_PASSWORD } from "./dev-idp/accounts.ts";
import { registerDevInteractions } from "./dev-idp/interactions.ts";
import { mountDevIdentityProvider } from "./dev-idp/mount.ts";
import {
  createDevIdentityProvider,
  DEV_IDP_PREFIX,
  DEV_PROVIDER_ID,
  DEV_PROVIDER_NAME,
  type DevIdentityProvider,
} from "./dev-idp/provider.ts";
import { SignInError } from "./errors.ts";
import { createLoginStateSealer } from "./login-state.ts";
import { PAGE_STYLE_PATH, pageStyle } from "./page-style.ts";
import { createSignInProviders, type SignInProvider } from "./providers.ts";
import { SIGN_IN_ERROR_PAGE_CSP, signInErrorPage } from "./sign-in-error-page.ts";
import { registerSignInRoutes, type SignInRuntime } from "./sign-in-routes.ts";

export interface AuthHostOptions {
  auth: AuthConfig;
  env: "development" | "test" | "production";
  /** The explicit development switch (JEEX_DEV_MODE): it alone admits the Vite dev server's origin. */
  devMode: boolean;
}

/** Thrown by createServer: the bundled provider signs anyone in, so production never runs it. */
export class DevIdentityProviderRefusedError extends Error {
  constructor() {
    super(
      "no OpenID provider is configured (OIDC_PROVIDERS) and the bundled development identity provider " +
        "refuses to run with NODE_ENV=production: configure OIDC_PROVIDERS",
    );
    this.name = "DevIdentityProviderRefusedError";
  }
}

const DEV_SCOPES = ["openid", "email", "profile"];

/** A browser loading a page (GET asking for HTML first), not a script's fetch or a CLI. */
const isPageNavigation = (request: FastifyRequest) =>
  request.method === "GET" && (request.headers.accept ?? "").includes("text/html");

/**
 * `pnpm dev` serves the web app from Vite on 5200 (proxying to this server), so after sign-in the
 * browser goes back there. Development mode only, and only when AUTH_RETURN_TO_ORIGINS is unset.
 */
const DEV_WEB_ORIGINS = ["http://127.0.0.1:5200"];

/**
 * Sign-in (OpenID Connect), browser sessions and service access tokens on the Fastify host.
 * Parts that need the server's public URL (the dev provider's issuer, redirect URI, default
 * audience) are built by `configureAddress(url)`, which the server calls before it listens (after,
 * only on a port chosen at listen time); until then sign-in answers 503 and access tokens are not
 * accepted.
 */
export function registerAuth(app: FastifyInstance, db: Database, options: AuthHostOptions) {
  const { auth } = options;
  if (auth.devIdentityProvider && options.env === "production") throw new DevIdentityProviderRefusedError();

  const cookies = authCookies(auth.secureCookies, auth.sessionTtlMs, auth.publicPathPrefix);
  let devIdp: DevIdentityProvider | undefined;
  let signIn: SignInRuntime | undefined;
  let verifyAccessTokenWith: VerifyAccessToken | undefined;

  app.register(fastifyCookie);
  app.register(async (scope) => {
    // Sign-in failures carry a stable code and a message the browser may show, 5xx ones included:
    // as a page when a person's browser navigated here (the callback, a login link), else as JSON.
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (!(error instanceof SignInError)) throw error;
      if (error.statusCode >= 500) request.log.warn({ err: error.cause ?? error }, error.message);
      reply.status(error.statusCode).header("cache-control", "no-store");
      if (isPageNavigation(request)) {
        return reply
          .header("content-security-policy", SIGN_IN_ERROR_PAGE_CSP)
          .type("text/html; charset=utf-8")
          .send(signInErrorPage(error, request.id, auth.publicPathPrefix));
      }
      return reply.send({ error: error.message, code: error.code, requestId: request.id });
    });
    scope.get(PAGE_STYLE_PATH, async (_request, reply) =>
      reply.header("cache-control", "no-cache").type("text/css; charset=utf-8").send(pageStyle),
    );
    registerSignInRoutes(scope, {
      db,
      cookies,
      sealer: createLoginStateSealer(auth.cookieSecret),
      sessionTtlMs: auth.sessionTtlMs,
      runtime: () => signIn,
    });
    if (auth.devIdentityProvider) {
      mountDevIdentityProvider(scope, () => devIdp?.handle);
      registerDevInteractions(scope, () => devIdp?.provider);
    }
  });

  async function configureAddress(publicUrl: string): Promise<void> {
    const base = publicUrl.replace(/\/+$/, "");
    const redirectUri = `${base}${CALLBACK_PATH}`;
    const audience = auth.accessTokens.audience ?? base;
    let providers: SignInProvider[] = auth.providers;
    if (auth.devIdentityProvider) {
      devIdp = await createDevIdentityProvider({ issuer: `${base}${DEV_IDP_PREFIX}`, redirectUri, audience });
      providers = [
        {
          id: DEV_PROVIDER_ID,
          name: DEV_PROVIDER_NAME,
          issuer: devIdp.issuer,
          clientId: devIdp.loginClient.clientId,
          clientSecret: devIdp.loginClient.clientSecret,
          scopes: DEV_SCOPES,
        },
      ];
    }
    signIn = {
      providers: createSignInProviders(providers, { allowHttp: options.env !== "production" }),
      redirectUri,
      returnToOrigins:
        auth.returnToOrigins.length > 0
          ? auth.returnToOrigins
          : [new URL(base).origin, ...(options.devMode ? DEV_WEB_ORIGINS : [])],
    };
    const issuers: TrustedIssuer[] = auth.accessTokens.issuers.map((issuer) => ({ issuer }));
    if (issuers.length === 0 && devIdp) issuers.push({ issuer: devIdp.issuer, jwksUri: devIdp.jwksUri });
    verifyAccessTokenWith =
      issuers.length > 0 ? createAccessTokenVerifier(db.system, { issuers, audience }) : undefined;
    app.log.info(
      {
        providers: providers.map((p) => p.issuer),
        accessTokenIssuers: issuers.map((i) => i.issuer),
        audience,
      },
      devIdp
        ? `sign-in: development identity provider at ${devIdp.issuer} (accounts *@dev.jeex, password ${DEV_ACCOUNT_PASSWORD})`
        : `sign-in: ${providers.map((p) => p.id).join(", ")}`,
    );
  }

  const loginProviders: LoginProvider[] = auth.devIdentityProvider
    ? [{ id: DEV_PROVIDER_ID, name: DEV_PROVIDER_NAME }]
    : auth.providers.map(({ id, name }) => ({ id, name }));

  return {
    /** For `auth.providers`: what a sign-in page offers. */
    loginProviders,
    /** The browser session cookie's name, for the published contract. */
    sessionCookieName: cookies.session.name,
    /** The browser session cookie's value, for the tRPC context. */
    sessionTokenOf: (request: FastifyRequest): string | undefined => request.cookies?.[cookies.session.name],
    verifySession: createSessionAuthenticator(db.system),
    verifyAccessToken: async (token: string): Promise<Principal | undefined> =>
      verifyAccessTokenWith?.(token),
    configureAddress,
  };
}

export type AuthHost = ReturnType<typeof registerAuth>;
