import { startRedisServer, type TestRedisServer } from "@jeex/db/testing";
import { afterAll, beforeAll } from "vitest";
import { useTestServer } from "../../support/server.ts";
import { oneDatabaseTarget } from "./database.ts";

/**
 * A suite's server with the rate limits on, counting in a private redis-server under a key prefix
 * of its own. `limits` are the RATE_LIMIT_* settings the suite tests.
 */
export function useRateLimitedServer(limits: Record<string, string> = {}) {
  let redis: TestRedisServer | undefined;
  let keyPrefix = "";
  // Registered before the server's hooks: Redis starts first and stops last.
  beforeAll(async () => {
    redis = await startRedisServer();
    keyPrefix = redis.keyPrefix();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  const suite = useTestServer(oneDatabaseTarget(), () => ({
    RATE_LIMITS_ENABLED: "true",
    REDIS_URL: started(redis).url,
    RATE_LIMIT_KEY_PREFIX: keyPrefix,
    ...limits,
  }));
  return { suite, redis: () => started(redis), keyPrefix: () => keyPrefix };
}

function started(redis: TestRedisServer | undefined): TestRedisServer {
  if (!redis) throw new Error("useRateLimitedServer: read it inside a hook or test");
  return redis;
}
