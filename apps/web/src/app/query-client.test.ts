import { TRPCClientError } from "@trpc/client";
import { expect, test, vi } from "vitest";
import { createQueryClient, shouldRetry } from "./query-client.ts";

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
