import type { Authenticate, PresentedCredentials } from "../auth/authenticate.ts";
import type { Principal } from "../auth/principal.ts";
import type { RateLimits } from "./rate-limits.ts";

/**
 * Authentication that counts failures per client IP: a credential that does not verify draws from
 * the IP's `authFailure` budget, and an IP that spent it is refused (RateLimitedError) *before* the
 * next look-up, from memory, so guessing keys costs the guesser and not the database. Calls without
 * any credential are not failures: they never reach a look-up.
 *
 * Across instances the count is shared (Redis); an instance that has not yet seen the IP fail lets
 * one more look-up through, learns that the budget is spent, and refuses from then on.
 */
export function limitFailedAuthentications(authenticate: Authenticate, rateLimits: RateLimits) {
  return async function authenticateFrom(
    presented: PresentedCredentials,
    ip: string,
  ): Promise<Principal | undefined> {
    const presentedSomething = Boolean(presented.bearerToken ?? presented.sessionToken);
    if (presentedSomething) rateLimits.assertNotExhausted("authFailure", ip);
    const principal = await authenticate(presented);
    if (!principal && presentedSomething) await rateLimits.consume("authFailure", ip);
    return principal;
  };
}
