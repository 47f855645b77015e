import type { FastifyBaseLogger } from "fastify";

/**
 * A stray rejection (e.g. the database driver rejecting a promise nobody holds after the server
 * killed its connection — upstream porsager/postgres#1208) is logged, not allowed to take down a
 * process that is serving other requests. Uncaught exceptions still end the process.
 */
export function logStrayRejections(log: Pick<FastifyBaseLogger, "error">) {
  process.on("unhandledRejection", (reason) => {
    log.error({ err: reason }, "unhandled promise rejection (process kept running)");
  });
}
