import { createHash } from "node:crypto";
import type { Authenticate, AuthenticateOptions, PresentedCredentials } from "../auth/authenticate.ts";
import type { Principal } from "../auth/principal.ts";
import { ExpiringKeys } from "./expiring-keys.ts";
import type { RateLimits } from "./rate-limits.ts";

/**
 * Authentication that counts failures per client IP: a credential that does not verify draws from
 * the IP's `authFailure` budget, and an IP that spent it is refused (RateLimitedError) *before* the
 * next look-up, from memory, so guessing keys costs the guesser and not the database. Calls without
 * any credential are not failures: they never reach a look-up.
 *
 * A credential that failed is remembered (as a hash) for `rememberFailuresMs` and answered as
 * unknown without a look-up or a new count: what is counted is distinct bad credentials, so one
 * browser resending an expired session cookie is one failure, not one per request. (An unknown,
 * revoked or expired credential never becomes valid again.)
 *
 * Across instances the count is shared (Redis); an instance that has not yet seen the IP fail lets
 * one more look-up through, learns that the budget is spent, and refuses from then on.
 */
export function limitFailedAuthentications(
  authenticate: Authenticate,
  rateLimits: RateLimits,
  options: { rememberFailuresMs: number },
) {
  const knownBad = new ExpiringKeys();
  return async function authenticateFrom(
    presented: PresentedCredentials,
    ip: string,
    authenticateOptions?: AuthenticateOptions,
  ): Promise<Principal | undefined> {
    const token = presented.bearerToken ?? presented.sessionToken;
    if (!token) return authenticate(presented, authenticateOptions);
    const fingerprint = createHash("sha256").update(token).digest("base64url");
    if (knownBad.msBeforeNext(fingerprint) > 0) return undefined;
    rateLimits.assertNotExhausted("authFailure", ip);
    const principal = await authenticate(presented, authenticateOptions);
    if (!principal) {
      knownBad.mark(fingerprint, options.rememberFailuresMs);
      await rateLimits.consume("authFailure", ip);
    }
    return principal;
  };
}
