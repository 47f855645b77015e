import { describe, expect, it } from "vitest";
import { useServersOnOneDatabase } from "../support/server.ts";
import { oneDatabaseTarget } from "./support/database.ts";
import { retryAfterOf } from "./support/requests.ts";

describe("rate limits without Redis", () => {
  const { servers } = useServersOnOneDatabase(oneDatabaseTarget(), {
    limited: { RATE_LIMITS_ENABLED: "true", RATE_LIMIT_IP_PER_MINUTE: "3" },
    unlimited: { RATE_LIMIT_IP_PER_MINUTE: "1", RATE_LIMITS_ENABLED: "false" },
  });

  it("count in process when REDIS_URL is unset", async () => {
    const { url } = servers.limited;
    for (let i = 0; i < 3; i++) expect((await fetch(`${url}/no-such-route`)).status).toBe(404);
    const refused = await fetch(`${url}/no-such-route`);
    expect(refused.status).toBe(429);
    expect(retryAfterOf(refused)).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it("are off entirely with RATE_LIMITS_ENABLED=false (benchmarks)", async () => {
    const { url } = servers.unlimited;
    for (let i = 0; i < 5; i++) expect((await fetch(`${url}/no-such-route`)).status).toBe(404);
  });
});
