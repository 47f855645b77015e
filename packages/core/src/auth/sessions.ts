import { createHash, randomBytes } from "node:crypto";
import type { SystemQueries } from "@jeex/db/system";
import { principalWithMemberships } from "./memberships.ts";
import type { Principal } from "./principal.ts";

const LAST_SEEN_RESOLUTION_MS = 60_000;

/** The cookie holds 256 random bits; the database holds only their SHA-256 (a stolen table opens nothing). */
export const hashSessionToken = (token: string) => createHash("sha256").update(token).digest("base64url");

export interface SessionStart {
  userId: string;
  ttlMs: number;
  userAgent?: string | undefined;
  ip?: string | undefined;
}

/** A new session, always with a new token (rotation at sign-in defeats session fixation). */
export async function startSession(system: SystemQueries, start: SessionStart) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + start.ttlMs);
  const { id } = await system.createSession({
    userId: start.userId,
    tokenHash: hashSessionToken(token),
    expiresAt,
    userAgent: start.userAgent?.slice(0, 500),
    ip: start.ip,
  });
  return { token, sessionId: id, expiresAt };
}

/** Revokes the session behind a cookie value; returns its user when it was live. */
export function endSession(system: SystemQueries, token: string) {
  return system.revokeSession(hashSessionToken(token), new Date());
}

/** Resolves a session cookie to its principal, or `undefined` when unknown, expired or revoked. */
export function createSessionAuthenticator(system: SystemQueries) {
  return async function authenticateSession(token: string): Promise<Principal | undefined> {
    if (token.length !== 43) return undefined;
    const now = new Date();
    const session = await system.findLiveSession(hashSessionToken(token), now);
    if (!session) return undefined;
    if (now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
      await system.touchSession(session.id, now, LAST_SEEN_RESOLUTION_MS);
    }
    return principalWithMemberships(system, session.userId, { kind: "session", sessionId: session.id });
  };
}
