import { describe, expect, it } from "vitest";
import { expectTrpcError } from "../support/server.ts";
import { useRateLimitedServer } from "./support/rate-limited-server.ts";
import { inspectRedis, retryAfterOf, trpcQuery } from "./support/requests.ts";

describe("the per-IP rate limit, shared through a real Redis", () => {
  const { suite, redis, keyPrefix } = useRateLimitedServer();

  it("refuses the 101st request in a minute from one IP with 429 and retry-after; probes and the web app's files and pages stay exempt", async () => {
    const member = await suite.member();
    for (let i = 0; i < 100; i++) {
      expect((await fetch(`${suite.url}/no-such-route`)).status).toBe(404);
    }

    const refused = await fetch(`${suite.url}/no-such-route`);
    expect(refused.status).toBe(429);
    expect(retryAfterOf(refused)).toBeGreaterThanOrEqual(1);
    expect(retryAfterOf(refused)).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ code: "RATE_LIMITED", requestId: expect.any(String) });

    expect((await fetch(`${suite.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${suite.url}/readyz`)).status).toBe(200);
    // The web app's hashed files too: one page load fetches dozens, which spent a person's budget.
    expect((await fetch(`${suite.url}/assets/index-0123abcd.js`)).status).toBe(404);
    // And the tab icon every page load asks for.
    expect((await fetch(`${suite.url}/favicon.svg`)).status).not.toBe(429);
    // And its page navigations: over the limit a person still gets the app (index.html, or a 404
    // where the app is not built), which shows the refusals of its calls in place.
    const navigation = await fetch(`${suite.url}/projects/p1`, { headers: { accept: "text/html" } });
    expect(navigation.status).not.toBe(429);
    // A navigation under an API prefix is no page of the app: still counted.
    const apiNavigation = await fetch(`${suite.url}/auth/me`, { headers: { accept: "text/html" } });
    expect(apiNavigation.status).toBe(429);

    // Under /trpc the refusal is in tRPC's own error shape, so the typed client reads it as usual.
    const error = await expectTrpcError(suite.client(member).projects.list.query({}), "TOO_MANY_REQUESTS");
    expect(error.data).toMatchObject({ httpStatus: 429, appCode: "RATE_LIMITED" });
    const raw = await trpcQuery(suite.url, "projects.list", {}, member.apiKey);
    expect(raw.status).toBe(429);
    expect(retryAfterOf(raw)).toBeGreaterThanOrEqual(1);
    const body = (await raw.json()) as { error: { data: Record<string, unknown> } };
    expect(body.error.data).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      httpStatus: 429,
      path: "projects.list",
      appCode: "RATE_LIMITED",
      requestId: raw.headers.get("x-request-id"),
    });

    // The count lives in Redis under a key that names its scope.
    const inspect = await inspectRedis(redis().url);
    expect(await inspect.keys(`${keyPrefix()}:*`)).toEqual([`${keyPrefix()}:ip:127.0.0.1`]);
    await inspect.close();
  });
});
