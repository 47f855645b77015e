import type { Database } from "@jeex/db/client";
import { startRedisServer, type TestRedisServer } from "@jeex/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clientFor, expectTrpcError, provisionMember, startTestServer } from "../support/server.ts";
import { oneDatabaseTarget } from "./support/database.ts";

const target = oneDatabaseTarget();

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

describe("two API instances on one Redis share every limit", () => {
  let redis: TestRedisServer;
  let db: Database;
  let running: TestServer[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    db = await target.open();
  });
  afterEach(async () => {
    await Promise.all(running.map((server) => server.stop()));
    running = [];
  });
  afterAll(async () => {
    await db?.close();
    await redis?.stop();
  });

  /** Two servers on the same database and Redis, with a key prefix of their own for this test. */
  async function twoInstances(env: Record<string, string>): Promise<[TestServer, TestServer]> {
    const shared = {
      RATE_LIMITS_ENABLED: "true",
      REDIS_URL: redis.url,
      RATE_LIMIT_KEY_PREFIX: redis.keyPrefix(),
      ...env,
    };
    const first = await startTestServer(db, shared);
    const second = await startTestServer(db, shared);
    running.push(first, second);
    return [first, second];
  }

  it("per IP: requests spread over both instances add up", async () => {
    const [a, b] = await twoInstances({ RATE_LIMIT_IP_PER_MINUTE: "6" });
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${a.url}/no-such-route`)).status).toBe(404);
      expect((await fetch(`${b.url}/no-such-route`)).status).toBe(404);
    }
    expect((await fetch(`${a.url}/no-such-route`)).status).toBe(429);
    expect((await fetch(`${b.url}/no-such-route`)).status).toBe(429);
  });

  it("per user and per project: calls alternating between instances add up", async () => {
    const [a, b] = await twoInstances({
      RATE_LIMIT_USER_PER_HOUR: "5",
      RATE_LIMIT_PROJECT_MUTATIONS_PER_HOUR: "2",
    });
    const member = await provisionMember(db, a.config, "editor");
    const onA = clientFor(a.url, member);
    const onB = clientFor(b.url, member);

    const project = await onA.projects.create.mutate({ name: "shared" }); // user 1
    await onB.projects.update.mutate({ projectId: project.id, name: "b" }); // user 2, project 1
    await onA.projects.update.mutate({ projectId: project.id, name: "a" }); // user 3, project 2
    await expectTrpcError(
      onB.projects.update.mutate({ projectId: project.id, name: "refused" }), // user 4, project 3
      "TOO_MANY_REQUESTS",
    );
    await onA.projects.list.query({}); // user 5
    await expectTrpcError(onB.projects.list.query({}), "TOO_MANY_REQUESTS"); // user 6
    await expectTrpcError(onA.projects.list.query({}), "TOO_MANY_REQUESTS");
  });
});
