import type { AddressInfo } from "node:net";
import { createApiKeyAuthenticator } from "@jeex/core/auth/api-keys";
import { createAuthenticator } from "@jeex/core/auth/authenticate";
import type { Database } from "@jeex/db/client";
import Fastify from "fastify";
import type { AppConfig } from "./config.ts";
import { openDatabase } from "./database.ts";
import { seedDevCredentials } from "./dev-credentials.ts";
import { acquireEmbeddedLock } from "./embedded-lock.ts";
import { type ReadinessState, registerHealthRoutes } from "./health.ts";
import { registerHttpErrorHandling } from "./http-errors.ts";
import { loggerOptions, requestIdFor } from "./logger.ts";
import { registerTrpc } from "./trpc-plugin.ts";

export interface ServerOverrides {
  /** Share a database handle the caller owns (tests); it is then not closed by `stop`. */
  db?: Database;
}

/** Builds the API without listening; the caller owns the lifecycle through `start` and `stop`. */
export function createServer(config: AppConfig, overrides: ServerOverrides = {}) {
  const app = Fastify({
    logger: loggerOptions(config),
    genReqId: requestIdFor,
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    routerOptions: { maxParamLength: 5000 },
  });
  const embedded = !overrides.db && !config.database.url;
  const db = overrides.db ?? openDatabase(config, "jeex-api");
  const state: ReadinessState = { draining: false };
  let releaseEmbeddedLock: (() => void) | undefined;

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  registerHttpErrorHandling(app);
  registerHealthRoutes(app, db, state);
  const authenticate = createAuthenticator({
    apiKey: createApiKeyAuthenticator(db.system, config.apiKeys),
  });
  const ready = registerTrpc(app, { db, authenticate, apiKeySecrets: config.apiKeys });

  async function start(): Promise<{ url: string }> {
    if (embedded) releaseEmbeddedLock = acquireEmbeddedLock(config.dataDir);
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
    await app.listen({ host: config.host, port: config.port });
    const { port } = app.server.address() as AddressInfo;
    const url =
      config.publicUrl ?? `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
    if (embedded) {
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
      await app.close();
      if (!overrides.db) await db.close();
      releaseEmbeddedLock?.();
    })();
    return stopping;
  }

  return { app, db, start, stop };
}

export type Server = ReturnType<typeof createServer>;
