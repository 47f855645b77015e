// The contract between the orchestrator (run.ts) and the server child (servers.ts).

export type DatabaseKind = "postgres" | "pglite";

/** Env var through which the orchestrator hands the child its database; empty means PGlite. */
export const CHILD_DATABASE_URL_ENV = "BENCH_SERVERS_DATABASE_URL";

/** One more path measured against its bare equivalent (a read, or a write with a JSON body). */
export interface PathPair {
  name: "workflow.status" | "documents.get" | "projects.create";
  method: "GET" | "POST";
  trpcUrl: string;
  bareUrl: string;
  /** JSON request body of both, for writes. */
  body?: string;
}

/** The single JSON line the child prints on stdout once both servers listen and data is seeded. */
export interface ReadyMessage {
  trpcUrl: string;
  bareUrl: string;
  /** workflow.status, documents.get (30 KB document) and projects.create with their bare routes. */
  paths: PathPair[];
  documentBytes: number;
  apiKey: string;
  tenantId: string;
  database: DatabaseKind;
  /** How the bare route reaches the database, e.g. "postgres.js pool (10)". */
  bareDriver: string;
  poolSize: number;
  /** Whether the API's rate limiter ran during the measurement. */
  rateLimits: string;
  seeded: { projects: number; otherTenantProjects: number };
}

export function parseReadyMessage(line: string): ReadyMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const candidate = value as Partial<ReadyMessage>;
  return typeof candidate.trpcUrl === "string" &&
    typeof candidate.bareUrl === "string" &&
    typeof candidate.apiKey === "string" &&
    (candidate.database === "postgres" || candidate.database === "pglite")
    ? (candidate as ReadyMessage)
    : undefined;
}
