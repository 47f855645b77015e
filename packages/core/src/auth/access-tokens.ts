import type { SystemQueries } from "@jeex/db/system";
import {
  createRemoteJWKSet,
  decodeJwt,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import { principalWithMemberships } from "./memberships.ts";
import type { Principal } from "./principal.ts";

/** An authorization server whose client-credentials tokens we accept. */
export interface TrustedIssuer {
  /** Exactly as in the token's `iss` claim. */
  issuer: string;
  /** Skips discovery when known (e.g. the bundled development provider). */
  jwksUri?: string | undefined;
}

export interface AccessTokenPolicy {
  issuers: readonly TrustedIssuer[];
  /** The `aud` a token must carry to be meant for this API. */
  audience: string;
  /** Asymmetric algorithms only: a shared-secret (HS*) or unsigned token can never pass. */
  algorithms?: readonly string[];
  clockToleranceSeconds?: number;
  /** Discovery and JWKS requests give up after this long. */
  fetchTimeoutMs?: number;
}

const DEFAULT_ALGORITHMS = ["RS256", "PS256", "ES256", "EdDSA"];
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;
const DEFAULT_FETCH_TIMEOUT_MS = 5000;

/** The issuer's metadata could not be fetched: the token is treated as unverifiable, not as a fault. */
class IssuerDiscoveryError extends Error {}

async function discoverJwksUri(issuer: string, timeoutMs: number): Promise<string> {
  const url = `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
  let metadata: unknown;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new IssuerDiscoveryError(`${url} answered ${response.status}`);
    metadata = await response.json();
  } catch (error) {
    if (error instanceof IssuerDiscoveryError) throw error;
    throw new IssuerDiscoveryError(`discovery of ${issuer} failed`, { cause: error });
  }
  const { issuer: announced, jwks_uri: jwksUri } = (metadata ?? {}) as Record<string, unknown>;
  // A metadata document naming another issuer is a mix-up attempt, not a key source (RFC 8414 §3.3).
  if (announced !== issuer || typeof jwksUri !== "string") {
    throw new IssuerDiscoveryError(`${url} does not describe issuer ${issuer} with a jwks_uri`);
  }
  return jwksUri;
}

/**
 * The service client a token stands for. A token that also names a different subject was issued
 * to a user through that client (delegation), so it is not a service credential.
 */
function serviceClientOf(payload: JWTPayload): string | undefined {
  const clientId = typeof payload.client_id === "string" ? payload.client_id : undefined;
  if (clientId && payload.sub && payload.sub !== clientId) return undefined;
  return clientId ?? payload.sub;
}

/**
 * Verifies OAuth2 client-credentials access tokens (JWT, RFC 9068) from trusted issuers and
 * resolves them to the service client's principal; `undefined` for anything else (UNAUTHORIZED).
 */
export function createAccessTokenVerifier(system: SystemQueries, policy: AccessTokenPolicy) {
  const algorithms = [...(policy.algorithms ?? DEFAULT_ALGORITHMS)];
  const timeoutMs = policy.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const keySets = new Map<string, Promise<JWTVerifyGetKey>>();

  // Discovery happens at first use and is retried after a failure, so an issuer that is down at
  // start-up (or is this very server, not yet listening) does not need a restart.
  function keysOf(trusted: TrustedIssuer): Promise<JWTVerifyGetKey> {
    let keys = keySets.get(trusted.issuer);
    if (!keys) {
      keys = (async () => {
        const jwksUri = trusted.jwksUri ?? (await discoverJwksUri(trusted.issuer, timeoutMs));
        return createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: timeoutMs });
      })();
      keys.catch(() => keySets.delete(trusted.issuer));
      keySets.set(trusted.issuer, keys);
    }
    return keys;
  }

  return async function verifyAccessToken(token: string): Promise<Principal | undefined> {
    let claimedIssuer: string | undefined;
    try {
      claimedIssuer = decodeJwt(token).iss;
    } catch {
      return undefined;
    }
    const trusted = policy.issuers.find((candidate) => candidate.issuer === claimedIssuer);
    if (!trusted) return undefined;

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await keysOf(trusted), {
        issuer: trusted.issuer,
        audience: policy.audience,
        algorithms,
        clockTolerance: policy.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ["exp", "sub"],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof IssuerDiscoveryError) return undefined;
      throw error;
    }

    const clientId = serviceClientOf(payload);
    if (!clientId) return undefined;
    const user = await system.findUserByIdentity(trusted.issuer, clientId);
    if (!user) return undefined;
    return principalWithMemberships(system, user.id, {
      kind: "access-token",
      issuer: trusted.issuer,
      clientId,
    });
  };
}

export type VerifyAccessToken = ReturnType<typeof createAccessTokenVerifier>;
