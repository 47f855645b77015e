import type { Database } from "@jeex/db/client";
import type { FastifyInstance } from "fastify";

export interface ReadinessState {
  draining: boolean;
}

const READINESS_PROBE_TIMEOUT_MS = 2000;

/** /healthz: the process is alive. /readyz: it can serve (dependencies answer, not draining). */
export function registerHealthRoutes(app: FastifyInstance, db: Database, state: ReadinessState) {
  app.get("/healthz", () => ({ status: "ok" }));
  app.get("/readyz", async (request, reply) => {
    if (state.draining) return reply.status(503).send({ status: "draining" });
    try {
      await Promise.race([
        db.ping(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error("timed out")), READINESS_PROBE_TIMEOUT_MS).unref(),
        ),
      ]);
      return { status: "ready", database: "up" };
    } catch (error) {
      request.log.warn({ err: error }, "readiness probe failed");
      return reply.status(503).send({ status: "unavailable", database: "down" });
    }
  });
}
