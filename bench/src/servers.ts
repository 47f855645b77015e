// Child process: the real API and the bare baseline, seeded, then one ready line on stdout.
// Runs apart from the orchestrator so autocannon does not compete for this event loop.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@jeex/api/config";
import { createServer, type Server } from "@jeex/api/server";
import { type BareServer, bareOnPglite, bareOnPostgres } from "./bare-server.ts";
import { openSharedPglite } from "./pglite-handle.ts";
import { CHILD_DATABASE_URL_ENV, type ReadyMessage } from "./protocol.ts";
import { type SeededTenant, seed } from "./seed.ts";
import { type SeededDocument, seedDocument } from "./seed-document.ts";

const databaseUrl = process.env[CHILD_DATABASE_URL_ENV] || undefined;
const seedPlan = {
  projects: positiveInt(process.env.BENCH_SEED_PROJECTS, 200),
  otherTenantProjects: positiveInt(process.env.BENCH_SEED_OTHER_PROJECTS, 50),
};
// One client IP at 64 connections would measure 429s, not the API. Off by default (the same switch
// operators have); BENCH_RATE_LIMITS=1 keeps the in-process limiter with budgets nobody reaches,
// so its cost is included.
const rateLimitsOn = process.env.BENCH_RATE_LIMITS === "1";
const unreachableBudget = String(1_000_000_000);
const dataDir = await mkdtemp(join(tmpdir(), "jeex-bench-"));
const config = loadConfig({
  // As `pnpm start` runs it: development mode (the bundled sign-in provider), a real API key secret.
  JEEX_DEV_MODE: "true",
  DATABASE_URL: databaseUrl ?? "",
  DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE,
  MIGRATE_ON_START: "true",
  PORT: "0",
  LOG_LEVEL: "warn",
  DATA_DIR: dataDir,
  // A real secret so the API does not warn about the development one on every run.
  API_KEY_HASH_SECRET: randomBytes(32).toString("base64url"),
  RATE_LIMITS_ENABLED: rateLimitsOn ? "true" : "false",
  RATE_LIMIT_IP_PER_MINUTE: unreachableBudget,
  RATE_LIMIT_USER_PER_HOUR: unreachableBudget,
  RATE_LIMIT_PROJECT_MUTATIONS_PER_HOUR: unreachableBudget,
});

let server: Server | undefined;
let bare: BareServer | undefined;
let closeShared: () => Promise<void> = async () => {};
let stopping = false;

async function shutdown(exitCode: number) {
  if (stopping) return;
  stopping = true;
  await bare?.stop();
  await server?.stop();
  await closeShared();
  await rm(dataDir, { recursive: true, force: true });
  process.exit(exitCode);
}
process.once("SIGTERM", () => shutdown(0));
process.once("SIGINT", () => shutdown(0));
// The orchestrator holds our stdin open; if it dies without signalling us, do not linger.
process.stdin.once("end", () => shutdown(0)).resume();

try {
  if (databaseUrl) {
    server = createServer(config);
    bare = await bareOnPostgres(databaseUrl, config.database.poolSize);
  } else {
    // One PGlite handle for both; `start` migrates it because migrateOnStart is set.
    const shared = openSharedPglite(join(dataDir, "pg"));
    server = createServer(config, { db: shared.db });
    bare = await bareOnPglite(shared.client);
    closeShared = () => shared.db.close();
  }
  const { url } = await server.start();
  const tenant = await seed(server.db, config.apiKeys, url, seedPlan);
  const document = await seedDocument(server.db, tenant);
  announceReady(url, bare, tenant, document);
} catch (error) {
  process.stderr.write(`bench servers failed to start: ${error instanceof Error ? error.stack : error}\n`);
  await shutdown(1);
}

function trpcQuery(url: string, path: string, input: object): string {
  return `${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

function announceReady(url: string, bare: BareServer, tenant: SeededTenant, document: SeededDocument) {
  const { tenantId, userId } = tenant;
  const ready: ReadyMessage = {
    trpcUrl: trpcQuery(url, "projects.list", {}),
    bareUrl: `${bare.url}/projects?tenantId=${tenantId}`,
    paths: [
      {
        name: "workflow.status",
        method: "GET",
        trpcUrl: trpcQuery(url, "workflow.status", { projectId: document.projectId }),
        bareUrl: `${bare.url}/status?tenantId=${tenantId}&projectId=${document.projectId}`,
      },
      {
        name: "documents.get",
        method: "GET",
        trpcUrl: trpcQuery(url, "documents.get", { documentId: document.documentId }),
        bareUrl: `${bare.url}/document?tenantId=${tenantId}&documentId=${document.documentId}`,
      },
      {
        name: "projects.create",
        method: "POST",
        trpcUrl: `${url}/trpc/projects.create`,
        bareUrl: `${bare.url}/projects?tenantId=${tenantId}&userId=${userId}`,
        body: JSON.stringify({ name: "bench created project" }),
      },
    ],
    documentBytes: document.contentBytes,
    apiKey: tenant.apiKey,
    tenantId: tenant.tenantId,
    database: databaseUrl ? "postgres" : "pglite",
    bareDriver: bare.driver,
    poolSize: config.database.poolSize,
    rateLimits: rateLimitsOn ? "in-process, budgets raised out of reach" : "off",
    seeded: seedPlan,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}
