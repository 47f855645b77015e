import { endSession, startSession } from "@jeex/core/auth";
import type { Database } from "@jeex/db/client";
import { CSRF_HEADER } from "@jeex/trpc/context";
import type { FastifyInstance, FastifyReply } from "fastify";
import * as oidc from "openid-client";
import { z } from "zod";
import { type AuthCookies, CALLBACK_PATH, LOGIN_STATE_TTL_MS } from "./cookies.ts";
import { SignInError, signInErrorFrom } from "./errors.ts";
import type { LoginStateSealer } from "./login-state.ts";
import type { SignInProviders } from "./providers.ts";
import { signInStartOnPublicAddress } from "./public-origin.ts";
import { resolveReturnTo } from "./return-to.ts";
import { recordSignInEvent } from "./sign-in-audit.ts";
import { userForIdentity } from "./sign-in-user.ts";

/** What sign-in needs that is known only once the server listens (its public URL). */
export interface SignInRuntime {
  providers: SignInProviders;
  redirectUri: string;
  returnToOrigins: readonly string[];
}

export interface SignInRouteDeps {
  db: Database;
  cookies: AuthCookies;
  sealer: LoginStateSealer;
  sessionTtlMs: number;
  runtime: () => SignInRuntime | undefined;
}

const loginQuery = z.object({
  provider: z.string().max(64).optional(),
  returnTo: z.string().max(2048).optional(),
});

const noStore = (reply: FastifyReply) => reply.header("cache-control", "no-store");

/** GET /auth/login, GET /auth/callback and POST /auth/logout. */
export function registerSignInRoutes(app: FastifyInstance, deps: SignInRouteDeps) {
  const { db, cookies, sealer } = deps;

  function runtime(): SignInRuntime {
    const current = deps.runtime();
    if (!current) throw new SignInError("SIGN_IN_UNAVAILABLE", "sign-in is starting; try again shortly", 503);
    return current;
  }

  // Authorization code flow with PKCE (S256), state and nonce; all three are kept only in the
  // encrypted login-state cookie and checked at the callback.
  app.get("/auth/login", async (request, reply) => {
    const { providers, redirectUri, returnToOrigins } = runtime();
    // The login-state cookie must be set on the host the provider will send the browser back to.
    const publicStart = signInStartOnPublicAddress(request, redirectUri);
    if (publicStart) return noStore(reply).redirect(publicStart, 302);
    const query = loginQuery.safeParse(request.query);
    if (!query.success) {
      const fields = query.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
      throw new SignInError("INVALID_REQUEST", `invalid sign-in request (${fields.join("; ")})`);
    }
    const provider = providers.pick(query.data.provider);
    const returnTo = resolveReturnTo(query.data.returnTo, returnToOrigins);
    const configuration = await providers.configurationOf(provider);

    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    // Signing out ends our session, not the provider's: without this the provider would sign the
    // next person at this browser straight back in as the one who just left.
    const afterSignOut = request.cookies[cookies.signedOut.name] !== undefined;
    const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: provider.scopes.join(" "),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
      ...(afterSignOut ? { prompt: "login" } : {}),
    });
    const sealed = sealer.seal({
      provider: provider.id,
      state,
      nonce,
      codeVerifier,
      returnTo,
      expiresAt: Date.now() + LOGIN_STATE_TTL_MS,
    });
    reply.setCookie(cookies.loginState.name, sealed, cookies.loginState.options);
    return noStore(reply).redirect(authorizationUrl.href, 302);
  });

  app.get(CALLBACK_PATH, async (request, reply) => {
    const { providers, redirectUri } = runtime();
    const sealed = request.cookies[cookies.loginState.name];
    const publicOrigin = new URL(redirectUri).origin;
    // One attempt per started sign-in, whatever its outcome.
    reply.clearCookie(cookies.loginState.name, cookies.loginState.options);
    if (!sealed) {
      throw new SignInError(
        "LOGIN_STATE_MISSING",
        `no sign-in was started in this browser at ${publicOrigin}, or it expired: start again at ` +
          `${publicOrigin}/auth/login (a sign-in started at another address of this server keeps its state there)`,
      );
    }
    const loginState = sealer.open(sealed);
    const provider = providers.pick(loginState.provider);

    // The URL the provider redirected to, rebuilt on our public redirect URI (proxies may rewrite the host).
    const callbackUrl = new URL(redirectUri);
    callbackUrl.search = new URL(request.url, "http://callback.invalid").search;
    if (callbackUrl.searchParams.get("state") !== loginState.state) {
      throw new SignInError(
        "STATE_MISMATCH",
        "the sign-in response does not belong to this browser's sign-in",
      );
    }
    const configuration = await providers.configurationOf(provider);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        expectedState: loginState.state,
        expectedNonce: loginState.nonce,
        pkceCodeVerifier: loginState.codeVerifier,
        idTokenExpected: true,
      });
    } catch (error) {
      throw signInErrorFrom(error);
    }
    const claims = tokens.claims();
    if (!claims) throw new SignInError("ID_TOKEN_INVALID", "the identity provider returned no ID token");

    const { userId, created } = await userForIdentity(db.system, {
      issuer: configuration.serverMetadata().issuer,
      subject: claims.sub,
      verifiedEmail:
        claims.email_verified === true && typeof claims.email === "string" ? claims.email : undefined,
      displayName: typeof claims.name === "string" ? claims.name : undefined,
    });
    // A sign-in replaces the browser's previous session rather than leaving it alive beside the new one.
    const previous = request.cookies[cookies.session.name];
    if (previous) await endSession(db.system, previous);
    const session = await startSession(db.system, {
      userId,
      ttlMs: deps.sessionTtlMs,
      userAgent: request.headers["user-agent"],
      ip: request.ip,
    });
    await recordSignInEvent(db, {
      userId,
      action: "auth.sign_in",
      requestId: request.id,
      ip: request.ip,
      details: { provider: provider.id, sessionId: session.sessionId, firstSignIn: created },
    });
    reply.setCookie(cookies.session.name, session.token, cookies.session.options);
    reply.clearCookie(cookies.signedOut.name, cookies.signedOut.options);
    return noStore(reply).redirect(loginState.returnTo, 303);
  });

  // A cross-site form can POST here with the cookie, but cannot add a custom header without a
  // CORS preflight: requiring it stops forced sign-outs.
  app.post("/auth/logout", async (request, reply) => {
    if (request.headers[CSRF_HEADER] === undefined) {
      throw new SignInError("CSRF_HEADER_MISSING", `signing out needs the ${CSRF_HEADER} header`, 403);
    }
    const token = request.cookies[cookies.session.name];
    reply.clearCookie(cookies.session.name, cookies.session.options);
    reply.setCookie(cookies.signedOut.name, "1", cookies.signedOut.options);
    if (token) {
      const ended = await endSession(db.system, token);
      if (ended) {
        await recordSignInEvent(db, {
          userId: ended.userId,
          action: "auth.sign_out",
          requestId: request.id,
          ip: request.ip,
          details: { sessionId: ended.id },
        });
      }
    }
    return noStore(reply).status(204).send();
  });
}
