import { fileURLToPath } from "node:url";
import { z } from "zod";
import { authConfigFrom, authEnvIssues, authEnvShape } from "./config/auth.ts";
import { databaseConfigFrom, databaseEnvIssues, databaseEnvShape } from "./config/database.ts";
import { devModeEnvIssues, devModeEnvShape } from "./config/dev-mode.ts";
import { exportsConfigFrom, exportsEnvIssues, exportsEnvShape } from "./config/exports.ts";
import { booleanFlag } from "./config/flags.ts";
import { jobsConfigFrom, jobsEnvShape } from "./config/jobs.ts";
import { memoryConfigFrom, memoryEnvShape, memorySettingsFrom } from "./config/memory.ts";
import { securityConfigFrom, securityEnvShape } from "./config/security.ts";
import { telemetryConfigFrom, telemetryEnvShape } from "./config/telemetry.ts";
import { webConfigFrom, webEnvShape } from "./config/web.ts";
import { llmConfigFrom, workflowConfigFrom, workflowEnvShape } from "./config/workflow.ts";

// The only module that reads process.env: everything else receives a parsed AppConfig.

const DEV_API_KEY_HASH_SECRET = "jeex-development-only-api-key-hash-secret";
const defaultMigrationsDir = fileURLToPath(new URL("../../../drizzle", import.meta.url));

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(5210),
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z.string().min(1).default(".data"),
    ...databaseEnvShape,
    MIGRATE_ON_START: booleanFlag(false),
    MIGRATIONS_DIR: z.string().min(1).default(defaultMigrationsDir),
    API_KEY_HASH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    ...devModeEnvShape,
    ...securityEnvShape,
    ...authEnvShape,
    ...workflowEnvShape,
    ...jobsEnvShape,
    ...memoryEnvShape,
    ...exportsEnvShape,
    ...telemetryEnvShape,
    ...webEnvShape,
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.API_KEY_HASH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["API_KEY_HASH_SECRET"], message: "is required in production" });
    }
    if (env.NODE_ENV === "production" && !env.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "is required in production" });
    }
    for (const issue of devModeEnvIssues(env)) ctx.addIssue({ code: "custom", ...issue });
    for (const issue of databaseEnvIssues(env)) ctx.addIssue({ code: "custom", ...issue });
    for (const issue of authEnvIssues(env)) ctx.addIssue({ code: "custom", ...issue });
    for (const issue of llmConfigFrom(env).issues) ctx.addIssue({ code: "custom", ...issue });
    for (const issue of memoryConfigFrom(env).issues) ctx.addIssue({ code: "custom", ...issue });
    for (const issue of exportsEnvIssues(env)) ctx.addIssue({ code: "custom", ...issue });
  });

/** Every variable the API reads, for the check that `.env.example` documents each one. */
export const environmentVariables: readonly string[] = Object.keys(envSchema.shape);

export type Environment = Record<string, string | undefined>;

export class ConfigError extends Error {}

export function loadConfig(env: Environment = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    const hint = parsed.error.issues.some((issue) => issue.message.includes("unless JEEX_DEV_MODE=true"))
      ? "\nSet these variables, or JEEX_DEV_MODE=true for a local trial (pnpm start does)."
      : "";
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}${hint}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    /** Development mode (JEEX_DEV_MODE): the dev identity provider, /panel, demo credentials, dev secrets. */
    devMode: e.JEEX_DEV_MODE,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    dataDir: e.DATA_DIR,
    database: {
      ...databaseConfigFrom(e),
      // Embedded databases are private to this process, so they are always migrated at start.
      migrateOnStart: e.MIGRATE_ON_START || !e.DATABASE_URL,
      migrationsDir: e.MIGRATIONS_DIR,
    },
    apiKeys: {
      hashKey: e.API_KEY_HASH_SECRET ?? DEV_API_KEY_HASH_SECRET,
      usingDevelopmentSecret: !e.API_KEY_HASH_SECRET,
    },
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    security: securityConfigFrom(e),
    auth: authConfigFrom(e),
    /** Shared by rate limits, progress events and the job queue; unset means in-process equivalents. */
    redisUrl: e.REDIS_URL,
    workflow: workflowConfigFrom(e, e.REDIS_URL),
    /** Re-queuing accepted work whose BullMQ job is missing (a crash between COMMIT and the add). */
    jobs: jobsConfigFrom(e),
    /** Project memory: the embedder and the vector store. */
    memory: memorySettingsFrom(e),
    exports: exportsConfigFrom(e),
    /** OpenTelemetry: whether the SDK runs and where it exports (started by the telemetry preload). */
    telemetry: telemetryConfigFrom(e),
    /** The built web app served at `/`. */
    web: webConfigFrom(e),
  };
}

const telemetryEnvSchema = z.object(telemetryEnvShape);

/**
 * Only the telemetry part, for the preload that starts the SDK before the app is imported. An
 * invalid value gives `undefined` here; loadConfig then reports it with every other problem.
 */
export function loadTelemetryConfig(env: Environment = process.env) {
  const parsed = telemetryEnvSchema.safeParse(env);
  return parsed.success ? telemetryConfigFrom(parsed.data) : undefined;
}

export type AppConfig = ReturnType<typeof loadConfig>;
