import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { sessions } from "../schema/sessions.ts";
import type { AnyDatabase } from "../types.ts";
import { deleteRowsBefore } from "./housekeeping.ts";

export interface NewSession {
  userId: string;
  tokenHash: string;
  expiresAt: Date;
  userAgent?: string | undefined;
  ip?: string | undefined;
}

/** Browser sessions, found by the hash of their cookie value. */
export function sessionSystemQueries(db: AnyDatabase) {
  return {
    async createSession(session: NewSession): Promise<{ id: string }> {
      const [row] = await db.insert(sessions).values(session).returning({ id: sessions.id });
      if (!row) throw new Error("session insert returned no row");
      return row;
    },

    /** A session that is neither revoked nor expired at `now`. */
    async findLiveSession(tokenHash: string, now: Date) {
      const [row] = await db
        .select({
          id: sessions.id,
          userId: sessions.userId,
          expiresAt: sessions.expiresAt,
          lastSeenAt: sessions.lastSeenAt,
        })
        .from(sessions)
        .where(
          and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)),
        )
        .limit(1);
      return row;
    },

    async touchSession(id: string, now: Date, intervalMs: number): Promise<void> {
      await db
        .update(sessions)
        .set({ lastSeenAt: now })
        .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, new Date(now.getTime() - intervalMs))));
    },

    /** Returns the user whose session was revoked, if it was live. */
    async revokeSession(tokenHash: string, now: Date): Promise<{ userId: string; id: string } | undefined> {
      const [row] = await db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)))
        .returning({ userId: sessions.userId, id: sessions.id });
      return row;
    },

    /** Housekeeping: drops sessions that expired before `before` (revoked ones too, once expired). */
    deleteExpiredSessions: (before: Date) => deleteRowsBefore(db, sessions, sessions.expiresAt, before),
  };
}
