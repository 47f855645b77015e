import type { Database } from "@jeex/db/client";
import { startRedisServer, type TestRedisServer } from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionMember, startTestServer, type TestMember } from "../support/server.ts";
import { oneDatabaseTarget } from "./support/database.ts";
import { retryAfterOf } from "./support/requests.ts";

const target = oneDatabaseTarget();
const maxBatchSize = 20;
const authFailuresPerIp = 5;

/** One GET carrying `calls` batched `projects.list` calls, as httpBatchLink sends them, from `ip`. */
function batchedList(url: string, calls: number, apiKey: string, ip: string): Promise<Response> {
  const paths = Array(calls).fill("projects.list").join(",");
  const input = Object.fromEntries(Array.from({ length: calls }, (_, i) => [String(i), {}]));
  return fetch(`${url}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { authorization: `Bearer ${apiKey}`, "x-forwarded-for": ip },
  });
}

/**
 * A key of the right shape whose prefix no key has (the n-th guess): each guess costs a look-up,
 * as unknown prefixes are never cached (a real prefix with a wrong secret is answered from the
 * key cache once it is warm, and costs none).
 */
const wrongSecretOf = (member: TestMember, n = 0) => {
  // jeex_<prefix>_<secret>: the prefix has no "_", the secret may.
  const secretAt = member.apiKey.indexOf("_", "jeex_".length);
  const guessed = `${member.apiKey.slice(0, secretAt - 4)}${String(n).padStart(4, "x")}`;
  return `${guessed}${member.apiKey.slice(secretAt)}`;
};

const codesOf = async (response: Response) =>
  ((await response.json()) as { error?: { data: { code: string } } }[]).map(
    (r) => r.error?.data.code ?? "OK",
  );

describe("limits count calls, not requests, and failed authentications per IP (real Redis)", () => {
  let redis: TestRedisServer;
  let db: Database;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let member: TestMember;
  let lookups = 0;
  let nextIp = 1;
  // Each test speaks from its own address (the server trusts X-Forwarded-For here), so budgets never mix.
  const freshIp = () => `198.51.100.${nextIp++}`;

  beforeAll(async () => {
    redis = await startRedisServer();
    db = await target.open();
    const findApiKeyCredential = db.system.findApiKeyCredential.bind(db.system);
    db.system.findApiKeyCredential = (prefix) => {
      lookups += 1;
      return findApiKeyCredential(prefix);
    };
    server = await startTestServer(db, {
      RATE_LIMITS_ENABLED: "true",
      REDIS_URL: redis.url,
      RATE_LIMIT_KEY_PREFIX: redis.keyPrefix(),
      TRUST_PROXY: "true",
      TRPC_MAX_BATCH_SIZE: String(maxBatchSize),
      RATE_LIMIT_AUTH_FAILURES_PER_IP: String(authFailuresPerIp),
      RATE_LIMIT_USER_PER_HOUR: "100000",
    });
    member = await provisionMember(db, server.config, "viewer");
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await redis?.stop();
  });

  it("a batch over the cap is a 400 before any call runs: 600 calls in 3 requests cost no look-up", async () => {
    const ip = freshIp();
    lookups = 0;
    for (let i = 0; i < 3; i++) {
      const refused = await batchedList(server.url, 200, wrongSecretOf(member), ip);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(await refused.json())).toContain("Batch call exceeds maximum size");
    }
    expect(lookups).toBe(0);
    console.info(`limits: 600 wrong-key calls in 3 batched requests caused ${lookups} key look-ups`);
  });

  it("the calls of one batch share one credential look-up", async () => {
    lookups = 0;
    const response = await batchedList(server.url, maxBatchSize, member.apiKey, freshIp());
    expect(response.status).toBe(200);
    expect(await codesOf(response)).toEqual(Array(maxBatchSize).fill("OK"));
    expect(lookups).toBe(1);
  });

  it("the per-IP limit charges every call of a batch: 100 calls a minute are 5 full batches", async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      expect((await batchedList(server.url, maxBatchSize, member.apiKey, ip)).status).toBe(200);
    }
    const refused = await batchedList(server.url, 1, member.apiKey, ip);
    expect(refused.status).toBe(429);
    expect(retryAfterOf(refused)).toBeGreaterThanOrEqual(1);
    expect(retryAfterOf(refused)).toBeLessThanOrEqual(60);
    expect(await codesOf(refused)).toEqual(["TOO_MANY_REQUESTS"]);
  });

  it("after the allowed failed authentications an IP is refused before any look-up, with retry-after", async () => {
    const ip = freshIp();
    // Batches of 10 keep this IP well inside its 100 calls a minute.
    const calls = 10;
    lookups = 0;
    for (let i = 0; i < authFailuresPerIp; i++) {
      const failed = await batchedList(server.url, calls, wrongSecretOf(member, i), ip);
      expect(failed.status).toBe(401);
      expect(new Set(await codesOf(failed))).toEqual(new Set(["UNAUTHORIZED"]));
    }
    expect(lookups).toBe(authFailuresPerIp);

    const refused = await batchedList(server.url, calls, wrongSecretOf(member, authFailuresPerIp), ip);
    expect(refused.status).toBe(429);
    expect(retryAfterOf(refused)).toBeGreaterThan(60);
    expect(retryAfterOf(refused)).toBeLessThanOrEqual(900);
    expect(new Set(await codesOf(refused))).toEqual(new Set(["TOO_MANY_REQUESTS"]));
    // While the IP is refused even a valid key is not looked up from it; other IPs are unaffected.
    expect((await batchedList(server.url, 1, member.apiKey, ip)).status).toBe(429);
    expect(lookups).toBe(authFailuresPerIp);
    console.info(
      `limits: ${authFailuresPerIp + 1} wrong-key batches of ${calls} and 1 valid call from one IP caused ${lookups} key look-ups`,
    );
    expect((await batchedList(server.url, 1, member.apiKey, freshIp())).status).toBe(200);
  });

  it("one bad credential sent again and again (a stale cookie) is one failure, looked up once", async () => {
    const ip = freshIp();
    const stale = wrongSecretOf(member, 9999);
    lookups = 0;
    for (let i = 0; i < authFailuresPerIp * 3; i++) {
      expect((await batchedList(server.url, 1, stale, ip)).status).toBe(401);
    }
    expect(lookups).toBe(1);
    expect((await batchedList(server.url, 1, member.apiKey, ip)).status).toBe(200);
  });

  it("calls without any credential are not failed authentications", async () => {
    const ip = freshIp();
    for (let i = 0; i < authFailuresPerIp + 1; i++) {
      const response = await fetch(`${server.url}/trpc/projects.list`, {
        headers: { "x-forwarded-for": ip },
      });
      expect(response.status).toBe(401);
    }
    expect((await batchedList(server.url, 1, member.apiKey, ip)).status).toBe(200);
  });
});
