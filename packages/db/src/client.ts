import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import {
  localCredentialChanges,
  type WatchCredentialChanges,
  watchOnPglite,
  watchOnPostgres,
} from "./credential-changes.ts";
import { withoutQueryValues } from "./errors.ts";
import { createSystemQueries, type SystemQueries } from "./system/index.ts";
import {
  openTenantTransaction,
  pipelinedTenantTransactions,
  type TenantScope,
  type TenantTransaction,
  type TenantTransactionOptions,
} from "./tenant.ts";
import { ensureTenantLogin, tenantLoginOf, tenantLoginProblems } from "./tenant-login.ts";
import { traceTransaction } from "./tracing.ts";
import type { AnyDatabase } from "./types.ts";

export interface DatabaseConfig {
  /**
   * postgres:// URL of the system path (migrations, credential look-ups, provisioning, sweeps): a
   * login that owns the tables and bypasses RLS. When absent the embedded PGlite database is used.
   */
  databaseUrl?: string | undefined;
  /**
   * postgres:// URL of the restricted login every tenant transaction connects as (NOBYPASSRLS,
   * NOINHERIT, owns nothing); required with `databaseUrl`. `migrate` creates it when missing.
   */
  tenantDatabaseUrl?: string | undefined;
  /** Directory of the PGlite database; `undefined` keeps it in memory (tests). */
  pgliteDataDir?: string | undefined;
  /** Connections of the tenant pool. */
  poolSize?: number;
  /** Connections of the system pool (one credential look-up per request, provisioning, sweeps). */
  systemPoolSize?: number;
  applicationName?: string;
}

export interface Database {
  readonly driver: "postgres" | "pglite";
  /** Human description for start-up logs, e.g. "PGlite at .data/pg". */
  readonly description: string;
  withTenant<T>(
    scope: TenantScope,
    work: (tx: TenantTransaction) => Promise<T>,
    options?: TenantTransactionOptions,
  ): Promise<T>;
  /** The narrow system path: authentication look-ups and provisioning, outside any tenant. */
  readonly system: SystemQueries;
  /** Revoked keys and changed memberships, from every process on this database (cache invalidation). */
  readonly watchCredentialChanges: WatchCredentialChanges;
  migrate(migrationsFolder: string): Promise<void>;
  /**
   * Fails when tenant transactions could step around RLS: on Postgres, when the tenant login is a
   * superuser, bypasses RLS, inherits or owns anything. PGlite has one session (see the README).
   */
  checkTenantLogin(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// Serialises migrations across processes that share one Postgres (several API instances starting).
const MIGRATION_LOCK_KEY = 5210_0001;

export function createDatabase(config: DatabaseConfig): Database {
  if (!config.databaseUrl) return openPglite(config.pgliteDataDir);
  if (!config.tenantDatabaseUrl) {
    throw new Error("a Postgres database needs a tenant login URL too (DATABASE_TENANT_URL): see the README");
  }
  return connectPostgres(config.databaseUrl, config.tenantDatabaseUrl, config);
}

function connectPostgres(systemUrl: string, tenantUrl: string, config: DatabaseConfig): Database {
  const options = { onnotice: () => {}, connection: { application_name: config.applicationName ?? "jeex" } };
  const systemClient = postgres(systemUrl, { ...options, max: config.systemPoolSize ?? 4 });
  const tenantClient = postgres(tenantUrl, { ...options, max: config.poolSize ?? 10 });
  const login = tenantLoginOf(tenantUrl);
  const systemDb = drizzlePostgres({ client: systemClient, casing: "snake_case" });
  const tenantDb = drizzlePostgres({ client: tenantClient, casing: "snake_case" });
  const openPipelined = pipelinedTenantTransactions(tenantDb, "snake_case");
  return databaseHandle(systemDb, openPipelined, {
    driver: "postgres",
    description: `Postgres at ${redactUrl(systemUrl)} (tenant traffic as ${login.user})`,
    watchCredentialChanges: watchOnPostgres(systemClient),
    migrate: async (folder) => {
      // A dedicated connection holds the advisory lock for the whole run.
      const locked = postgres(systemUrl, { max: 1, onnotice: () => {} });
      try {
        await locked`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres({ client: locked }), { migrationsFolder: folder });
        await ensureTenantLogin(locked, login);
      } finally {
        await locked.end();
      }
    },
    checkTenantLogin: async () => {
      const problems = await tenantLoginProblems(tenantClient, login.user).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `tenant login "${login.user}" cannot connect (${reason}): pnpm db:migrate creates it from DATABASE_TENANT_URL`,
        );
      });
      if (problems.length > 0) {
        throw new Error(`tenant login "${login.user}" is unfit for tenant traffic: ${problems.join("; ")}`);
      }
    },
    ping: async () => {
      await Promise.all([systemClient`select 1`, tenantClient`select 1`]);
    },
    close: async () => {
      await Promise.all([tenantClient.end({ timeout: 5 }), systemClient.end({ timeout: 5 })]);
    },
  });
}

function openPglite(dataDir: string | undefined): Database {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  const db = drizzlePglite({ client, casing: "snake_case" });
  // One session for both paths: tenant transactions drop to jeex_app with set_config only.
  return databaseHandle(db, (scope, work, options) => openTenantTransaction(db, scope, work, options), {
    driver: "pglite",
    description: dataDir ? `PGlite at ${dataDir}` : "PGlite in memory",
    watchCredentialChanges: watchOnPglite(client),
    migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
    checkTenantLogin: async () => {},
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  });
}

type OpenTenantTransaction = <T>(
  scope: TenantScope,
  work: (tx: TenantTransaction) => Promise<T>,
  options?: TenantTransactionOptions,
) => Promise<T>;

function databaseHandle(
  systemDb: AnyDatabase,
  openTenant: OpenTenantTransaction,
  driver: Pick<
    Database,
    "driver" | "description" | "watchCredentialChanges" | "migrate" | "checkTenantLogin" | "ping" | "close"
  >,
): Database {
  const credentialChanges = localCredentialChanges(driver.watchCredentialChanges);
  return {
    ...driver,
    watchCredentialChanges: credentialChanges.watch,
    withTenant: async (scope, work, options) => {
      let committedIn: object | undefined;
      const result = await traceTransaction(
        { "db.system.name": "postgresql", "jeex.db.driver": driver.driver, "jeex.tenant_id": scope.tenantId },
        () =>
          openTenant(
            scope,
            (tx) => {
              committedIn = tx.db;
              return work(tx);
            },
            options,
          ).catch(rethrowWithoutQueryValues),
      );
      if (committedIn) credentialChanges.committed(committedIn);
      return result;
    },
    system: withoutQueryValuesOnFailure(createSystemQueries(systemDb)),
  };
}

// A failed statement's values never leave the database layer: not in logs, spans or error reports.
const rethrowWithoutQueryValues = (error: unknown): never => {
  throw withoutQueryValues(error);
};

function withoutQueryValuesOnFailure<Queries extends Record<string, (...args: never[]) => Promise<unknown>>>(
  queries: Queries,
): Queries {
  const wrapped: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(queries)) {
    wrapped[name] = (...args: never[]) => query(...args).catch(rethrowWithoutQueryValues);
  }
  return wrapped as Queries;
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
