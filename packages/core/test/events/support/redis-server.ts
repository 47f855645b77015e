import { freePort } from "@jeex/db/testing/free-port";
import { startRedisServer, type TestRedisServer } from "@jeex/db/testing/redis-server";

// Moved to the shared test kit (@jeex/db/testing/redis-server); kept while suites move over.
export { freePort };

/** The kit's private redis-server, handed over stopped: the caller starts it. */
export async function ownRedisServer(): Promise<TestRedisServer> {
  const server = await startRedisServer();
  await server.stop();
  return server;
}
