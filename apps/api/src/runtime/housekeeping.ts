import { idempotencyNotBefore } from "@jeex/core/idempotency";
import type { Database } from "@jeex/db/client";
import type { FastifyBaseLogger } from "fastify";

/** Rows of one kind that outlived their use, deleted by the housekeeping sweep. */
export interface ExpiredRows {
  /** What they are, as the log names them: "expired sessions". */
  what: string;
  /** Deletes those expired at `now`, across tenants; resolves with how many. */
  deleteExpired(now: Date): Promise<number>;
}

/** Expired rows that belong to no feature: sign-in's sessions, invitations, and idempotency records. */
export function expiredSystemRows(db: Database): ExpiredRows[] {
  return [
    {
      what: "expired idempotency keys",
      deleteExpired: (now) => db.system.deleteExpiredIdempotencyKeys(idempotencyNotBefore(now.getTime())),
    },
    // Anyone can sign in again and again: without this, sessions pile up for ever.
    { what: "expired sessions", deleteExpired: (now) => db.system.deleteExpiredSessions(now) },
    { what: "expired invitations", deleteExpired: (now) => db.system.deleteExpiredInvitations(now) },
  ];
}

/**
 * One sweep over every kind of expired row, once at start and then every `intervalMs`. Every
 * process sweeps: deleting an already-deleted row is a no-op, so instances need no coordination.
 * A kind that fails is warned about and the others still run; the next pass tries it again.
 */
export function createHousekeeping(log: FastifyBaseLogger, intervalMs: number, kinds: ExpiredRows[]) {
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;

  /** One pass; resolves with how many rows each kind deleted (a kind that failed is left out). */
  async function sweep(now = new Date()): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const kind of kinds) {
      try {
        deleted[kind.what] = await kind.deleteExpired(now);
      } catch (error) {
        log.warn({ err: error }, `sweeping ${kind.what} failed`);
        continue;
      }
      if (deleted[kind.what]) log.info({ deleted: deleted[kind.what] }, `${kind.what} deleted`);
    }
    return deleted;
  }

  const sweepInBackground = () => {
    if (sweeping) return; // a slow pass is still going: the next tick tries again
    sweeping = sweep()
      .then(() => {})
      .finally(() => {
        sweeping = undefined;
      });
  };

  return {
    sweep,
    /** The first pass runs in the background: a database hiccup here is no reason to refuse to start. */
    start() {
      sweepInBackground();
      timer = setInterval(sweepInBackground, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await sweeping;
    },
  };
}
