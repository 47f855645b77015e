import { describe, expect, it } from "vitest";
import { expectTrpcError } from "../support/server.ts";
import { useRateLimitedServer } from "./support/rate-limited-server.ts";
import { inspectRedis, retryAfterOf, trpcQuery } from "./support/requests.ts";

describe("per-user and per-project limits, on a real Redis", () => {
  const { suite, redis, keyPrefix } = useRateLimitedServer({
    RATE_LIMIT_USER_PER_HOUR: "10",
    RATE_LIMIT_PROJECT_MUTATIONS_PER_HOUR: "3",
  });

  it("a user's 11th call in the hour is TOO_MANY_REQUESTS with retry-after; other users are unaffected", async () => {
    const busy = await suite.member("viewer");
    const other = await suite.member("viewer");
    for (let i = 0; i < 10; i++) {
      expect((await trpcQuery(suite.url, "projects.list", {}, busy.apiKey)).status).toBe(200);
    }
    const refused = await trpcQuery(suite.url, "projects.list", {}, busy.apiKey);
    expect(refused.status).toBe(429);
    expect(retryAfterOf(refused)).toBeGreaterThan(60);
    expect(retryAfterOf(refused)).toBeLessThanOrEqual(3600);
    const body = (await refused.json()) as { error: { data: Record<string, unknown> } };
    expect(body.error.data).toMatchObject({ code: "TOO_MANY_REQUESTS", appCode: "RATE_LIMITED" });
    await expectTrpcError(suite.client(busy).projects.list.query({}), "TOO_MANY_REQUESTS");

    expect((await suite.client(other).projects.list.query({})).items).toEqual([]);
    const inspect = await inspectRedis(redis().url);
    expect(await inspect.keys(`${keyPrefix()}:user:${busy.userId}`)).toHaveLength(1);
    await inspect.close();
  });

  it("a project's 4th mutation in the hour is refused; reads and other projects are not counted", async () => {
    const member = await suite.member("editor");
    const client = suite.client(member);
    const busy = await client.projects.create.mutate({ name: "busy" });
    const calm = await client.projects.create.mutate({ name: "calm" });
    for (let i = 0; i < 3; i++)
      await client.projects.update.mutate({ projectId: busy.id, name: `busy ${i}` });

    const error = await expectTrpcError(
      client.projects.update.mutate({ projectId: busy.id, name: "one too many" }),
      "TOO_MANY_REQUESTS",
    );
    expect(error.message).toContain("3 mutations per 3600s per project");
    expect((await client.projects.get.query({ projectId: busy.id })).name).toBe("busy 2");
    expect((await client.projects.update.mutate({ projectId: calm.id, name: "still fine" })).name).toBe(
      "still fine",
    );

    // Project keys carry the tenant as well as the project.
    const inspect = await inspectRedis(redis().url);
    expect(await inspect.keys(`${keyPrefix()}:project:${member.tenantId}:${busy.id}`)).toHaveLength(1);
    await inspect.close();
  });
});
