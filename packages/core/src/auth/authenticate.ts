import type { Principal } from "./principal.ts";

/** What a request presented, before anything is verified. */
export interface PresentedCredentials {
  /** `Authorization: Bearer …`: an API key (`jeex_…`) or an OAuth2 access token (JWT). */
  bearerToken?: string | undefined;
  /** The browser session cookie. */
  sessionToken?: string | undefined;
}

export interface AuthenticateOptions {
  /** Read the credential from the database, not a cache: the cached one proved stale. */
  fresh?: boolean;
}

type Verify = (token: string, options?: AuthenticateOptions) => Promise<Principal | undefined>;

export interface CredentialVerifiers {
  apiKey: Verify;
  /** Present only when an issuer for client-credentials tokens is configured. */
  accessToken?: Verify | undefined;
  session?: Verify | undefined;
}

const looksLikeJwt = (token: string) => token.split(".").length === 3;

/**
 * One entry point for every credential kind. A bearer token wins over a cookie, so a service
 * call is never silently attributed to a browser session that happens to be present.
 */
export function createAuthenticator(verifiers: CredentialVerifiers) {
  return async function authenticate(
    presented: PresentedCredentials,
    options?: AuthenticateOptions,
  ): Promise<Principal | undefined> {
    const { bearerToken, sessionToken } = presented;
    if (bearerToken) {
      // Only API keys are cached; sessions and access tokens are always looked up.
      if (bearerToken.startsWith("jeex_")) return verifiers.apiKey(bearerToken, options);
      if (verifiers.accessToken && looksLikeJwt(bearerToken)) return verifiers.accessToken(bearerToken);
      return undefined;
    }
    if (sessionToken && verifiers.session) return verifiers.session(sessionToken);
    return undefined;
  };
}

export type Authenticate = ReturnType<typeof createAuthenticator>;
