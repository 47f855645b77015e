import type { CookieSerializeOptions } from "@fastify/cookie";

/** Where the provider sends the browser back to, and the only path the login-state cookie goes to. */
export const CALLBACK_PATH = "/auth/callback";

/** How long a started sign-in may take before the browser has to start over. */
export const LOGIN_STATE_TTL_MS = 10 * 60 * 1000;

export interface AuthCookies {
  session: { name: string; options: CookieSerializeOptions };
  loginState: { name: string; options: CookieSerializeOptions };
  /** Set by sign-out until the next sign-in or the browser closes: that sign-in asks for a fresh login. */
  signedOut: { name: string; options: CookieSerializeOptions };
}

/**
 * Both cookies are httpOnly (no script reads them) and SameSite=Lax: sent on the top-level
 * redirect back from the identity provider, withheld from cross-site subrequests and POSTs.
 * With Secure the `__Host-` prefix also pins the session cookie to this host and Path=/.
 */
export function authCookies(secure: boolean, sessionTtlMs: number, publicPathPrefix = ""): AuthCookies {
  const common = { httpOnly: true, sameSite: "lax", secure } as const;
  return {
    session: {
      name: secure ? "__Host-jeex_session" : "jeex_session",
      options: { ...common, path: "/", maxAge: Math.floor(sessionTtlMs / 1000) },
    },
    loginState: {
      name: secure ? "__Secure-jeex_login" : "jeex_login",
      options: { ...common, path: `${publicPathPrefix}${CALLBACK_PATH}`, maxAge: LOGIN_STATE_TTL_MS / 1000 },
    },
    // No maxAge: it lives as long as the browser session, as a provider's own sign-in usually does.
    signedOut: {
      name: secure ? "__Secure-jeex_signed_out" : "jeex_signed_out",
      options: { ...common, path: `${publicPathPrefix}/auth` },
    },
  };
}
