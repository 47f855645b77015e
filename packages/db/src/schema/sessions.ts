import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, timestampMs } from "./columns.ts";
import { owningUser } from "./user-columns.ts";

/**
 * Browser sessions. Only the SHA-256 of the opaque cookie value is stored. RLS is on with no
 * policy for jeex_app: sessions are reached only through the system path, never from a tenant.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull(),
    userId: owningUser(),
    createdAt: createdAt(),
    expiresAt: timestampMs().notNull(),
    lastSeenAt: timestampMs().notNull().defaultNow(),
    revokedAt: timestampMs(),
    userAgent: text(),
    ip: text(),
  },
  (t) => [
    uniqueIndex("sessions_token_hash_key").on(t.tokenHash),
    index("sessions_user_idx").on(t.userId),
    // The housekeeping sweep finds expired sessions by it, a batch at a time, instead of scanning.
    index("sessions_expiry_idx").on(t.expiresAt),
  ],
).enableRLS();
