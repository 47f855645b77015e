// What the global setup hands to every test file through vitest's provide/inject.
declare module "vitest" {
  export interface ProvidedContext {
    /** A login allowed to create databases on the test server, or "" when Postgres tests are off. */
    postgresAdminUrl: string;
    /** The run's migrated database, which every test file copies (see file-database.ts). */
    postgresTemplate: string;
  }
}

export {};
