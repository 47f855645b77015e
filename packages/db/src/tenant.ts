import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { PostgresJsSession, PostgresJsTransaction } from "drizzle-orm/postgres-js/session";
import type { ReservedSql, Sql } from "postgres";
import type { AnyDatabase, AnyTransaction } from "./types.ts";

export interface TenantScope {
  readonly tenantId: string;
  readonly userId: string;
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
      return work(mint(tx, scope));
    },
    options.readOnly ? { accessMode: "read only" } : undefined,
  );
}

const noop = () => {};

/**
 * The same transaction on a postgres.js pool, pipelined: BEGIN, the context statement and the first
 * query of `work` go to the connection together, so a one-query transaction is two round trips
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
  // Built once: the parameters are always (tenant id, user id), in that order.
  const contextSql = dialect.sqlToQuery(tenantContext({ tenantId: "", userId: "" })).sql;
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
      const opened = Promise.all([send(begin), send(contextSql, [scope.tenantId, scope.userId])]);
      opened.catch(noop);
      let result: T;
      try {
        result = await work(mint(transactionOn(reserved) as unknown as AnyTransaction, scope));
        await opened;
      } catch (error) {
        // A failed BEGIN or context statement is the cause; the work's own error is then its echo.
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
