import type { AddressInfo } from "node:net";
import { createApiKeyAuthenticator, createApiKeyCache } from "@jeex/core/api-keys";
import { createAuthenticator } from "@jeex/core/auth";
import { abortListeners } from "@jeex/core/events";
import { costModelOf } from "@jeex/core/llm";
import type { Database } from "@jeex/db/client";
import { appRouter } from "@jeex/trpc/router";
import Fastify from "fastify";
import type { DestinationStream } from "pino";
import { registerAuth } from "./auth/plugin.ts";
import type { AppConfig } from "./config.ts";
import { seedDevCredentials } from "./dev-credentials.ts";
import { acquireEmbeddedLock } from "./embedded-lock.ts";
import { registerExports } from "./exports/register-exports.ts";
import { type ReadinessState, registerHealthRoutes } from "./health.ts";
import { registerHttpErrorHandling } from "./http-errors.ts";
import { loggerOptions, requestIdFor } from "./logger.ts";
import { registerOpenApi } from "./openapi/register-openapi.ts";
import { registerPanel } from "./panel/register-panel.ts";
import { createRuntime } from "./runtime/create-runtime.ts";
import { plugFeatures } from "./runtime/features.ts";
import { registerSecurity } from "./security/security-plugin.ts";
import { registerTrpc } from "./trpc-plugin.ts";
import { registerWebApp } from "./web-app/register-web-app.ts";

/** The contract's version as published in `/openapi.json`. */
const API_VERSION = "0.1.0";

const DEV_MODE_WARNING =
  "DEVELOPMENT MODE (JEEX_DEV_MODE=true): the development identity provider (public passwords), /panel, " +
  "demo credentials and public development secrets are on. For a local trial only; never expose this server.";

export interface ServerOverrides {
  /** Share a database handle the caller owns (tests); it is then not closed by `stop`. */
  db?: Database;
  /** Where log lines go instead of stdout (tests that read the log). */
  logDestination?: DestinationStream;
}

const addressUrl = (host: string, port: number) =>
  `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

/** Builds the API without listening; the caller owns the lifecycle through `start` and `stop`. */
export function createServer(config: AppConfig, overrides: ServerOverrides = {}) {
  const app = Fastify({
    logger: loggerOptions(config, overrides.logDestination),
    genReqId: requestIdFor,
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.security.connectionTimeoutMs,
    keepAliveTimeout: config.security.keepAliveTimeoutMs,
    trustProxy: config.security.trustProxy,
    routerOptions: { maxParamLength: 5000 },
  });
  const embedded = !overrides.db && !config.database.url;
  // Database, Redis, event log and jobs: the same runtime as the dedicated worker's (worker.ts).
  const runtime = createRuntime(config, app.log, {
    runWorker: config.workflow.workerInApi,
    applicationName: "jeex-api",
    ...(overrides.db ? { db: overrides.db } : {}),
  });
  const { db } = runtime;
  const state: ReadinessState = { draining: false };
  let releaseEmbeddedLock: (() => void) | undefined;

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  const { rateLimits } = registerSecurity(app, config.security, config.env);
  registerHttpErrorHandling(app);
  // Before tRPC: its requests need the cookie parser that sign-in registers.
  const auth = registerAuth(app, db, { auth: config.auth, env: config.env, devMode: config.devMode });
  // Revocations and member changes reach it from every instance on the database (NOTIFY).
  const apiKeyCache = createApiKeyCache({ changes: db.watchCredentialChanges });
  runtime.beforeDatabaseCloses(() => apiKeyCache.stop());
  const authenticate = createAuthenticator({
    apiKey: createApiKeyAuthenticator(db.system, config.apiKeys, apiKeyCache),
    session: auth.verifySession,
    accessToken: auth.verifyAccessToken,
  });
  const { memory, workflow, exports: exportFeature } = plugFeatures(runtime);
  // PUBLIC_URL, or the address it listens on: known up front unless the port is 0 (tests).
  let url = config.publicUrl ?? (config.port !== 0 ? addressUrl(config.host, config.port) : undefined);
  const exports = registerExports(app, runtime, exportFeature, () => url);
  const { vectors } = memory.services;
  registerHealthRoutes(app, state, {
    database: () => db.ping(),
    ...(config.redisUrl ? { redis: () => runtime.ping() } : {}),
    ...(vectors.ping ? { qdrant: () => vectors.ping?.() ?? Promise.resolve() } : {}),
  });
  const draining = new AbortController();
  const ready = registerTrpc(
    app,
    {
      db,
      authenticate,
      apiKeySecrets: config.apiKeys,
      rateLimits,
      loginProviders: auth.loginProviders,
      invitationTtlMs: config.auth.invitationTtlMs,
      workflow: {
        events: workflow.events,
        dispatchStep: workflow.dispatchStep,
        defaultMonthlyTokenBudget: config.workflow.monthlyTokenBudget,
        runTokenReservation: config.workflow.runTokenReservation,
        costModel: costModelOf(config.workflow.llm),
        lifecycle: workflow.lifecycle,
      },
      exports: exports.services,
      memory: memory.services,
      onShutdown: abortListeners(draining.signal),
    },
    { sessionTokenOf: auth.sessionTokenOf, security: config.security },
  );
  registerOpenApi(app, appRouter, { version: API_VERSION, sessionCookieName: auth.sessionCookieName });
  // A debugging UI that lists every procedure and its schema: development mode only.
  if (config.devMode) registerPanel(app, appRouter);
  // The built web app at `/`; its deep links get index.html (API prefixes excluded).
  registerWebApp(app, config.web);

  async function start(): Promise<{ url: string }> {
    if (embedded) releaseEmbeddedLock = acquireEmbeddedLock(config.dataDir);
    if (config.devMode) app.log.warn(DEV_MODE_WARNING);
    app.log.info(
      { database: db.description, embedded },
      embedded ? `database: embedded default, ${db.description}` : `database: ${db.description}`,
    );
    if (config.apiKeys.usingDevelopmentSecret) {
      app.log.warn("API_KEY_HASH_SECRET is not set: API keys are hashed with the development secret");
    }
    if (config.database.migrateOnStart) {
      await db.migrate(config.database.migrationsDir);
      app.log.info({ migrationsDir: config.database.migrationsDir }, "migrations applied");
    }
    await ready;
    if (config.database.usingDevelopmentTenantLogin) {
      app.log.warn(
        "DATABASE_TENANT_URL is not set: tenant traffic logs in with the public development login",
      );
    }
    // Refuses to serve when tenant transactions could step around RLS (a superuser tenant login).
    await runtime.start();
    // Sign-in (the development provider's issuer carries the address) is ready before the first
    // connection; only a server on a port chosen at listen time builds it just after.
    if (url) await auth.configureAddress(url);
    await app.listen({ host: config.host, port: config.port });
    if (!url) {
      url = addressUrl(config.host, (app.server.address() as AddressInfo).port);
      await auth.configureAddress(url);
    }
    // An owner key in a file is a local trial's convenience, not something a deployment writes.
    if (embedded && config.devMode) {
      const path = await seedDevCredentials(db, config.apiKeys, config.dataDir, url);
      if (path) app.log.info({ path }, `demo tenant created; credentials written to ${path}`);
    }
    return { url };
  }

  let stopping: Promise<void> | undefined;
  /** Idempotent: signals and test teardown may both ask. */
  function stop(): Promise<void> {
    stopping ??= (async () => {
      state.draining = true;
      // Open progress streams end first, so clients reconnect elsewhere and close() is not held up.
      draining.abort();
      await app.close();
      // Running steps get half the deadline (exports a quarter), then Redis, text work and the database close.
      await runtime.stop(config.shutdownTimeoutMs / 2);
      releaseEmbeddedLock?.();
    })();
    return stopping;
  }

  return { app, db, runtime, workflow, memory, exports, start, stop };
}

export type Server = ReturnType<typeof createServer>;
