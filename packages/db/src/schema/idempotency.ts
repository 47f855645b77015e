import { sql } from "drizzle-orm";
import { char, index, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.ts";
import { tenantIsolation } from "./rls.ts";
import { tenantColumn } from "./tenant-columns.ts";
import { owningUser } from "./user-columns.ts";

/**
 * The first answer to a create that carried an idempotency key, written in the create's own
 * transaction (a lost COMMIT answer wrote both or neither). A retry with the same tenant, caller,
 * operation and key gets `result` back; `input_sha256` tells a retry from a different request.
 * Rows older than the documented lifetime (24 h) are ignored and replaced.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    tenantId: tenantColumn(),
    userId: owningUser(),
    /** The procedure, e.g. `projects.create`. */
    operation: text().notNull(),
    key: text().notNull(),
    /** Hex sha256 of the input without the key. */
    inputSha256: char({ length: 64 }).notNull(),
    /** What the create answered; never a secret (see apiKeys.create). */
    result: jsonb().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("idempotency_keys_scope_key").on(t.tenantId, t.userId, t.operation, t.key),
    // tenants.create makes the tenant its record lives in: the caller's retry looks it up by user
    // and key (system path), and two racing creates with one key cannot both commit.
    uniqueIndex("idempotency_keys_tenant_create_key")
      .on(t.userId, t.key)
      .where(sql`${t.operation} = 'tenants.create'`),
    index("idempotency_keys_created_idx").on(t.createdAt),
    tenantIsolation("idempotency_keys", t.tenantId),
  ],
);
