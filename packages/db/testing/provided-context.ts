// What the global setup hands to every test file through vitest's provide/inject.
declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated Postgres database for this test run, or "" when Postgres tests are switched off. */
    postgresUrl: string;
    /** The same database as the restricted login tenant transactions connect as, or "". */
    postgresTenantUrl: string;
  }
}

export {};
