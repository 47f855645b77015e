import { databaseTargets } from "@jeex/db/testing";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { clientFor, provisionMember, startTestServer } from "../support/server.ts";
import { trpcQuery } from "./support/requests.ts";

// What a leak would look like: SQL, driver names and messages, stack frames, source paths.
const LEAKS =
  /select |insert |update |from "|pglite|postgres|connection_ended|econn|\bat .+\(|\.ts:\d+|node_modules|stack/i;

/**
 * The two answers a server fault may get: a generic 500, or a 503 "retry" when the fault is a
 * lost database connection (packages/trpc maps those). Either way nothing internal leaks.
 */
const SERVER_FAULTS = {
  500: { code: "INTERNAL_SERVER_ERROR", appCode: "INTERNAL", message: "Internal server error" },
  503: { code: "SERVICE_UNAVAILABLE", appCode: "UNAVAILABLE" },
} as const;

describe.each(databaseTargets())("a server fault on $name", (target) => {
  it("answers generically with the request id: no SQL, no stack, no driver error", async () => {
    const db = await target.open();
    const server = await startTestServer(db, { RATE_LIMITS_ENABLED: "false" });
    try {
      const member = await provisionMember(db, server.config, "owner");
      expect((await trpcQuery(server.url, "projects.list", {}, member.apiKey)).status).toBe(200);

      // No product hook needed: pull the database away from the running server.
      await db.close();

      for (const path of ["projects.list", "projects.get"]) {
        const response = await trpcQuery(server.url, path, { projectId: crypto.randomUUID() }, member.apiKey);
        const text = await response.text();
        expect(text).not.toMatch(LEAKS);
        expect(Object.keys(SERVER_FAULTS)).toContain(String(response.status));
        const expected = SERVER_FAULTS[response.status as keyof typeof SERVER_FAULTS];
        const { error } = JSON.parse(text) as { error: { message: string; data: Record<string, unknown> } };
        if ("message" in expected) expect(error.message).toBe(expected.message);
        expect(error.data).toEqual({
          code: expected.code,
          appCode: expected.appCode,
          httpStatus: response.status,
          path,
          requestId: response.headers.get("x-request-id"),
        });
      }

      const mutation = await clientFor(server.url, member)
        .projects.create.mutate({ name: "lost" })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(mutation).toBeInstanceOf(TRPCClientError);
      expect((mutation as TRPCClientError<never>).message).not.toMatch(LEAKS);

      const readiness = await fetch(`${server.url}/readyz`);
      expect(readiness.status).toBe(503);
      expect(await readiness.text()).not.toMatch(LEAKS);
    } finally {
      await server.stop();
      await db.close().catch(() => undefined);
    }
  });
});
