import { describe, expect, it } from "vitest";
import { expectTrpcError } from "../support/server.ts";
import { useRateLimitedServer } from "./support/rate-limited-server.ts";
import { inspectRedis, sleep } from "./support/requests.ts";

/** Every answer during the outage must be quick: a down Redis may not hang requests. */
async function quickly<T>(call: Promise<T>): Promise<T> {
  const startedAt = Date.now();
  const result = await call;
  expect(Date.now() - startedAt).toBeLessThan(1500);
  return result;
}

describe("when the rate limits' Redis goes away and comes back", () => {
  const { suite, redis, keyPrefix } = useRateLimitedServer({
    RATE_LIMIT_USER_PER_HOUR: "3",
    RATE_LIMIT_PROJECT_MUTATIONS_PER_HOUR: "100",
  });

  it("IP and user limits fail open (counted in-process), project mutations fail closed; all shared again after", async () => {
    const writer = await suite.member("editor");
    const reader = await suite.member("viewer");
    const afterwards = await suite.member("editor");
    const project = await suite.client(writer).projects.create.mutate({ name: "outage" });
    const laterProject = await suite.client(afterwards).projects.create.mutate({ name: "later" });

    await redis().stop();

    // IP limit: open.
    expect((await quickly(fetch(`${suite.url}/no-such-route`))).status).toBe(404);
    // User limit: open, but still enforced by this instance's in-process count.
    const readerClient = suite.client(reader);
    for (let i = 0; i < 3; i++) await quickly(readerClient.projects.list.query({}));
    await quickly(expectTrpcError(readerClient.projects.list.query({}), "TOO_MANY_REQUESTS"));
    // Project mutations: closed, with 503 rather than unmetered work.
    const closed = await quickly(
      expectTrpcError(
        suite.client(writer).projects.update.mutate({ projectId: project.id, name: "no" }),
        "SERVICE_UNAVAILABLE",
      ),
    );
    expect(closed.data).toMatchObject({ httpStatus: 503, appCode: "UNAVAILABLE" });

    await redis().restart();
    const inspect = await inspectRedis(redis().url);
    try {
      // ioredis reconnects in the background (within ~2 s); the IP key reappears once it has.
      const deadline = Date.now() + 10_000;
      while ((await inspect.keys(`${keyPrefix()}:ip:*`)).length === 0) {
        expect(Date.now(), "the API never went back to Redis").toBeLessThan(deadline);
        await fetch(`${suite.url}/no-such-route`);
        await sleep(100);
      }

      const client = suite.client(afterwards);
      const updated = await client.projects.update.mutate({ projectId: laterProject.id, name: "back" });
      expect(updated.name).toBe("back");
      expect(
        await inspect.keys(`${keyPrefix()}:project:${afterwards.tenantId}:${laterProject.id}`),
      ).toHaveLength(1);
      // The restarted Redis is empty, so the user budget is counted there afresh: 1 used, 2 left.
      await client.projects.list.query({});
      await client.projects.list.query({});
      await expectTrpcError(client.projects.list.query({}), "TOO_MANY_REQUESTS");
      expect(await inspect.keys(`${keyPrefix()}:user:${afterwards.userId}`)).toHaveLength(1);
    } finally {
      await inspect.close();
    }
  });
});
