import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { PostgresJsSession, PostgresJsTransaction } from "drizzle-orm/postgres-js/session";
import type { ReservedSql, Sql } from "postgres";
import type { AnyDatabase, AnyTransaction } from "./types.ts";

export interface TenantScope {
  readonly tenantId: string;
  readonly userId: string;
  /**
   * Set when the caller is an API key whose standing may come from a cache: the transaction then
   * confirms the key is live and grants `role`, and fails with `CredentialChangedError` otherwise.
   * Other instances hear of a change by NOTIFY a moment after it commits; the confirmation makes
   * "refused on the next request" hold without waiting for that.
   */
  readonly apiKeyId?: string | undefined;
  readonly role?: string | undefined;
}

/** The caller's API key was revoked, or its role changed, after its credential was read. */
export class CredentialChangedError extends Error {
  constructor() {
    super("the API key was revoked or its role changed during the request");
  }
}

// Not exported: only the functions below can mint a TenantTransaction, so a repository
// (which takes one) cannot be built on a connection that has no tenant context.
const tenantBrand: unique symbol = Symbol("TenantTransaction");

export interface TenantTransaction {
  readonly db: AnyTransaction;
  readonly scope: TenantScope;
  readonly [tenantBrand]: true;
}

export interface TenantTransactionOptions {
  /**
   * READ ONLY: Postgres refuses any write in it. Its COMMIT changes nothing, so the pipelined
   * path sends it without waiting for the answer: the connection's next transaction follows it in
   * the same socket write, and the caller has its result one round trip sooner.
   */
  readOnly?: boolean | undefined;
}

/** Drops to the `jeex_app` role (subject to RLS) with the tenant and user set, in one statement. */
const tenantContext = (scope: TenantScope): SQL =>
  sql`select set_config('role', 'jeex_app', true), set_config('app.tenant_id', ${scope.tenantId}, true), set_config('app.user_id', ${scope.userId}, true)`;

// member_role runs owner, admin, editor, viewer: greatest() is the lesser grant of key and member.
const apiKeyStanding = (apiKeyId: string, role: string): SQL =>
  sql`select 1 from api_keys k join memberships m on m.tenant_id = k.tenant_id and m.user_id = k.user_id where k.id = ${apiKeyId} and k.revoked_at is null and greatest(k.role, m.role) = ${role}::member_role`;

/** The key and role a scope's standing statement checks, or nothing for a scope without a key. */
function standingOf(scope: TenantScope): [apiKeyId: string, role: string] | undefined {
  if (!scope.apiKeyId) return undefined;
  // A programming error, not a changed credential: every API-key access carries its role.
  if (!scope.role) throw new Error("a tenant scope with an API key must name the role it was read with");
  return [scope.apiKeyId, scope.role];
}

/** Throws unless the standing statement found the key (RLS limits it to the scope's tenant). */
function assertStandingConfirmed(result: unknown): void {
  // postgres.js answers with the rows, PGlite with { rows }.
  const rows = Array.isArray(result) ? result : (result as { rows?: unknown[] }).rows;
  if (rows?.length !== 1) throw new CredentialChangedError();
}

const mint = (db: AnyTransaction, scope: TenantScope): TenantTransaction => ({
  db,
  scope,
  [tenantBrand]: true,
});

/**
 * Runs `work` in one transaction with the tenant context set (drizzle's own transaction: BEGIN,
 * context and COMMIT each wait for their answer). Used for PGlite, which has no network hop.
 * On Postgres `db` is the restricted tenant login's pool, so stepping out of jeex_app reaches no
 * data (tenant-login.ts).
 */
export function openTenantTransaction<T>(
  db: AnyDatabase,
  scope: TenantScope,
  work: (tx: TenantTransaction) => Promise<T>,
  options: TenantTransactionOptions = {},
): Promise<T> {
  return db.transaction(
    async (tx) => {
      await tx.execute(tenantContext(scope));
      const standing = standingOf(scope);
      if (standing) assertStandingConfirmed(await tx.execute(apiKeyStanding(...standing)));
      return work(mint(tx, scope));
    },
    options.readOnly ? { accessMode: "read only" } : undefined,
  );
}

const noop = () => {};

/**
 * The same transaction on a postgres.js pool, pipelined: BEGIN, the context statement (and an API
 * key's standing) and the first query of `work` go to the connection together, so a one-query transaction is two round trips
 * (BEGIN + context + query, COMMIT) where postgres.js's own `begin` took three (it waits for BEGIN)
 * and drizzle's six. Postgres runs them in order; if BEGIN or the context fails, the queries behind
 * it fail too and the transaction is rolled back.
 */
export function pipelinedTenantTransactions(db: PostgresJsDatabase & { $client: Sql }, casing: "snake_case") {
  // `db` (not its bare client) because building it set drizzle's type parsers on the client.
  const client = db.$client;
  const dialect = new PgDialect({ casing });
  // Named (prepared) statements: postgres.js sends an unnamed one as Parse/Describe, waits for
  // the answer, then Bind/Execute, and nothing behind it is pipelined meanwhile; a prepared one is
  // only Bind/Execute once the connection has seen it. Drizzle asks for unnamed ones, so the
  // session gets a client that prepares. (A reserved connection has no savepoints either; no
  // tenant work nests a transaction.)
  const transactionOn = (reserved: ReservedSql) => {
    const preparing = {
      unsafe: (query: string, params?: unknown[], options?: object) =>
        reserved.unsafe(query, params as never, { ...options, prepare: true }),
    };
    return new PostgresJsTransaction(
      dialect,
      new PostgresJsSession(preparing as never, dialect, undefined) as never,
      undefined,
    );
  };
  // Built once: the parameters are always (tenant id, user id) and (key id, role), in that order.
  const contextSql = dialect.sqlToQuery(tenantContext({ tenantId: "", userId: "" })).sql;
  const standingSql = dialect.sqlToQuery(apiKeyStanding("", "")).sql;
  return async function openPipelined<T>(
    scope: TenantScope,
    work: (tx: TenantTransaction) => Promise<T>,
    options: TenantTransactionOptions = {},
  ) {
    const reserved = await client.reserve();
    // Once the connection dies these fail at once and release is a no-op: the pool already took
    // the connection back to reconnect it (patches/postgres@3.4.9.patch).
    const send = (query: string, params: string[] = []) =>
      reserved.unsafe(query, params, { prepare: true }).execute();
    try {
      const begin = options.readOnly ? "begin read only" : "begin";
      const standing = standingOf(scope);
      const opened = Promise.all([
        send(begin),
        send(contextSql, [scope.tenantId, scope.userId]),
        standing ? send(standingSql, standing).then(assertStandingConfirmed) : undefined,
      ]);
      opened.catch(noop);
      let result: T;
      try {
        result = await work(mint(transactionOn(reserved) as unknown as AnyTransaction, scope));
        await opened;
      } catch (error) {
        // A failed BEGIN, context or standing is the cause; the work's own error is then its echo.
        const cause = await opened.then(
          () => error,
          (openError: unknown) => openError,
        );
        await send("rollback").catch(noop);
        throw cause;
      }
      const committed = send("commit");
      if (!options.readOnly) {
        await committed;
        return result;
      }
      // A read-only COMMIT cannot lose anything, so it is not waited for: once postgres.js has put
      // it on the connection (a query reaches its handler one microtask after execute()), the
      // release below lets the next transaction queue behind it on the same socket.
      committed.catch(noop);
      await Promise.resolve();
      return result;
    } finally {
      reserved.release();
    }
  };
}
