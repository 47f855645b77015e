import type { Database } from "@jeex/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../support/server.ts";
import { oneDatabaseTarget } from "./support/database.ts";
import { retryAfterOf } from "./support/requests.ts";

const target = oneDatabaseTarget();

describe("rate limits without Redis", () => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("count in process when REDIS_URL is unset", async () => {
    const server = await startTestServer(db, { RATE_LIMITS_ENABLED: "true", RATE_LIMIT_IP_PER_MINUTE: "3" });
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/no-such-route`)).status).toBe(404);
      const refused = await fetch(`${server.url}/no-such-route`);
      expect(refused.status).toBe(429);
      expect(retryAfterOf(refused)).toBeGreaterThanOrEqual(1);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("are off entirely with RATE_LIMITS_ENABLED=false (benchmarks)", async () => {
    const server = await startTestServer(db, { RATE_LIMIT_IP_PER_MINUTE: "1", RATE_LIMITS_ENABLED: "false" });
    try {
      for (let i = 0; i < 5; i++) expect((await fetch(`${server.url}/no-such-route`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
