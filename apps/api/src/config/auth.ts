import { randomBytes } from "node:crypto";
import { z } from "zod";
import { commaList } from "./flags.ts";

// Sign-in (OpenID Connect), browser sessions and service access tokens. Composed into the one
// environment schema in ../config.ts; nothing here reads process.env.

const DEFAULT_SCOPES = ["openid", "email", "profile"];
const ONE_WEEK_SECONDS = 7 * 24 * 60 * 60;

const oidcProviderSchema = z.strictObject({
  /** Stable id used in `/auth/login?provider=<id>`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "lowercase letters, digits and dashes, at most 32"),
  /** Shown on the sign-in button. */
  name: z.string().trim().min(1).max(100),
  issuer: z.url({ protocol: /^https?$/ }),
  clientId: z.string().min(1),
  /** Omitted for a public client (PKCE alone); otherwise sent with HTTP Basic authentication. */
  clientSecret: z.string().min(1).optional(),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, "a scope has no spaces or quotes"))
    .default(DEFAULT_SCOPES)
    .refine((scopes) => scopes.includes("openid"), "must include openid"),
});
export type OidcProviderConfig = z.infer<typeof oidcProviderSchema>;

const oidcProvidersJson = z
  .string()
  .default("[]")
  .transform((text, ctx) => {
    try {
      return JSON.parse(text === "" ? "[]" : text) as unknown;
    } catch {
      ctx.addIssue({
        code: "custom",
        message:
          'must be a JSON array like [{"id":"google","name":"Google","issuer":"https://…","clientId":"…"}]',
      });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(oidcProviderSchema)
      .refine(
        (providers) => new Set(providers.map((p) => p.id)).size === providers.length,
        "ids must be unique",
      ),
  );

const isOrigin = (value: string) => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
};

export const authEnvShape = {
  /** JSON array of sign-in providers; empty means the bundled development provider at /oidc. */
  OIDC_PROVIDERS: oidcProvidersJson,
  /** Origins `returnTo` may point at after sign-in (the web app); default: this server's own origin. */
  AUTH_RETURN_TO_ORIGINS: commaList.pipe(
    z.array(z.string().refine(isOrigin, "each must be an origin like https://app.example (no path)")),
  ),
  /** Encrypts the short-lived login-state cookie; generated per process in development. */
  AUTH_COOKIE_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_TTL_SECONDS: z.coerce.number().int().min(1).default(ONE_WEEK_SECONDS),
  /** How long a tenant invitation waits for its invitee to accept. */
  INVITATION_TTL_SECONDS: z.coerce.number().int().min(60).default(ONE_WEEK_SECONDS),
  /** Issuers whose client-credentials JWTs are accepted; default: the development provider. */
  ACCESS_TOKEN_ISSUERS: commaList.pipe(z.array(z.url({ protocol: /^https?$/ }))),
  /** The `aud` those tokens must carry; default: this server's public URL. */
  ACCESS_TOKEN_AUDIENCE: z.string().min(1).optional(),
};

type AuthEnv = z.infer<z.ZodObject<typeof authEnvShape>>;
interface HostEnv {
  NODE_ENV: "development" | "test" | "production";
  PUBLIC_URL?: string | undefined;
  /** Development mode (see dev-mode.ts); the bundled provider runs only in it. */
  JEEX_DEV_MODE?: boolean;
}

/** Cross-variable rules, reported with every other configuration problem. */
export function authEnvIssues(env: AuthEnv & HostEnv): { path: string[]; message: string }[] {
  if (env.NODE_ENV !== "production") return [];
  const issues: { path: string[]; message: string }[] = [];
  if (!env.AUTH_COOKIE_SECRET) {
    issues.push({ path: ["AUTH_COOKIE_SECRET"], message: "is required in production" });
  }
  if (env.OIDC_PROVIDERS.length > 0 && !env.PUBLIC_URL) {
    issues.push({
      path: ["PUBLIC_URL"],
      message: "is required in production to build the sign-in redirect URI",
    });
  }
  env.OIDC_PROVIDERS.forEach((provider, index) => {
    if (!provider.issuer.startsWith("https://")) {
      issues.push({
        path: ["OIDC_PROVIDERS", String(index), "issuer"],
        message: "must be https in production",
      });
    }
  });
  env.ACCESS_TOKEN_ISSUERS.forEach((issuer, index) => {
    if (!issuer.startsWith("https://")) {
      issues.push({ path: ["ACCESS_TOKEN_ISSUERS", String(index)], message: "must be https in production" });
    }
  });
  return issues;
}

export function authConfigFrom(env: AuthEnv & HostEnv) {
  return {
    providers: env.OIDC_PROVIDERS,
    /** In development mode with no issuer configured, a real OpenID provider runs in-process at /oidc. */
    devIdentityProvider: env.JEEX_DEV_MODE === true && env.OIDC_PROVIDERS.length === 0,
    returnToOrigins: env.AUTH_RETURN_TO_ORIGINS,
    sessionTtlMs: env.SESSION_TTL_SECONDS * 1000,
    invitationTtlMs: env.INVITATION_TTL_SECONDS * 1000,
    cookieSecret: env.AUTH_COOKIE_SECRET ?? randomBytes(32).toString("base64url"),
    usingGeneratedCookieSecret: !env.AUTH_COOKIE_SECRET,
    /** PUBLIC_URL's path when a proxy serves the API below one (`/api`): the browser-visible cookie path. */
    publicPathPrefix: env.PUBLIC_URL ? new URL(env.PUBLIC_URL).pathname.replace(/\/+$/, "") : "",
    /** Secure cookies need https; production always runs behind it. */
    secureCookies: env.NODE_ENV === "production",
    accessTokens: { issuers: env.ACCESS_TOKEN_ISSUERS, audience: env.ACCESS_TOKEN_AUDIENCE },
  };
}

export type AuthConfig = ReturnType<typeof authConfigFrom>;
