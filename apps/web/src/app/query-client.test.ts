import { TRPCClientError } from "@trpc/client";
import { expect, test, vi } from "vitest";
import { createQueryClient, retryDelay, shouldRetry } from "./query-client.ts";

function errorWithStatus(httpStatus: number, code: string) {
  return TRPCClientError.from({ error: { message: code, code: -32000, data: { code, httpStatus } } });
}

test("a 4xx is not retried, a 503 and a dropped connection are", () => {
  expect(shouldRetry(0, errorWithStatus(404, "NOT_FOUND"))).toBe(false);
  expect(shouldRetry(0, errorWithStatus(500, "INTERNAL_SERVER_ERROR"))).toBe(false);
  expect(shouldRetry(0, errorWithStatus(503, "SERVICE_UNAVAILABLE"))).toBe(true);
  expect(shouldRetry(0, new TypeError("Failed to fetch"))).toBe(true);
  expect(shouldRetry(3, errorWithStatus(503, "SERVICE_UNAVAILABLE"))).toBe(false);
});

function rateLimited(retryAfterSeconds: number) {
  return TRPCClientError.from({
    error: {
      message: "rate limit exceeded (100 calls per 60s per ip)",
      code: -32029,
      data: { code: "TOO_MANY_REQUESTS", httpStatus: 429, appCode: "RATE_LIMITED", retryAfterSeconds },
    },
  });
}

test("a rate-limited query waits the seconds the server names and asks again, instead of showing the refusal", () => {
  expect(shouldRetry(0, rateLimited(23))).toBe(true);
  expect(retryDelay(1, rateLimited(23))).toBe(23_000);
  // A wait longer than a person would watch a spinner for: the error view says when to come back.
  expect(shouldRetry(0, rateLimited(600))).toBe(false);
  expect(shouldRetry(3, rateLimited(23))).toBe(false);
  // Anything else backs off as before: 2 s, 4 s, … at most 30 s.
  expect(retryDelay(1, errorWithStatus(503, "SERVICE_UNAVAILABLE"))).toBe(2_000);
  expect(retryDelay(9, new TypeError("Failed to fetch"))).toBe(30_000);
});

test("a 401 from a query or a mutation sends the person to sign in; a 403 does not", async () => {
  const onUnauthenticated = vi.fn();
  const client = createQueryClient({ onUnauthenticated });
  const unauthorized = errorWithStatus(401, "UNAUTHORIZED");
  await client
    .fetchQuery({ queryKey: ["me"], queryFn: () => Promise.reject(unauthorized), retry: false })
    .catch(() => undefined);
  await client
    .getMutationCache()
    .build(client, { mutationFn: () => Promise.reject(unauthorized) })
    .execute(undefined)
    .catch(() => undefined);
  await client
    .fetchQuery({
      queryKey: ["forbidden"],
      queryFn: () => Promise.reject(errorWithStatus(403, "FORBIDDEN")),
      retry: false,
    })
    .catch(() => undefined);
  expect(onUnauthenticated).toHaveBeenCalledTimes(2);
});
