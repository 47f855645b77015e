import type { FastifyInstance } from "fastify";

export interface ReadinessState {
  draining: boolean;
}

/** A dependency the process cannot serve without, by name (database, redis, …). */
export type ReadinessChecks = Record<string, () => Promise<void>>;

const READINESS_PROBE_TIMEOUT_MS = 2000;

function withinProbeTimeout(check: () => Promise<void>): Promise<void> {
  return Promise.race([
    check(),
    new Promise<void>((_, reject) =>
      setTimeout(() => reject(new Error("timed out")), READINESS_PROBE_TIMEOUT_MS).unref(),
    ),
  ]);
}

/**
 * /healthz: the process is alive. /readyz: it can serve — not draining, and every required
 * dependency answers (a load balancer stops sending traffic while either is untrue).
 */
export function registerHealthRoutes(app: FastifyInstance, state: ReadinessState, checks: ReadinessChecks) {
  app.get("/healthz", () => ({ status: "ok" }));
  app.get("/readyz", async (request, reply) => {
    if (state.draining) return reply.status(503).send({ status: "draining" });
    const names = Object.keys(checks);
    const outcomes = await Promise.allSettled(
      names.map((name) => withinProbeTimeout(checks[name] as () => Promise<void>)),
    );
    const report = Object.fromEntries(
      names.map((name, i) => [name, outcomes[i]?.status === "fulfilled" ? "up" : "down"]),
    );
    const failed = outcomes.flatMap((outcome, i) =>
      outcome.status === "rejected" ? [{ check: names[i], err: outcome.reason }] : [],
    );
    if (failed.length === 0) return { status: "ready", ...report };
    request.log.warn({ failed }, "readiness probe failed");
    return reply.status(503).send({ status: "unavailable", ...report });
  });
}
