import { databaseTargets } from "@jeex/db/testing/databases";
import { describe, expect, it } from "vitest";
import { clientFor, expectTrpcError, provisionMember, startTestServer } from "../support/server.ts";
import { trpcQuery } from "./support/requests.ts";

// What a leak would look like: SQL, driver names and messages, stack frames, source paths.
const LEAKS =
  /select |insert |update |from "|pglite|postgres|connection_ended|closed|\bat .+\(|\.ts:\d+|node_modules|stack/i;

describe.each(databaseTargets())("a server fault on $name", (target) => {
  it("is a 500 with a generic message and the request id: no SQL, no stack, no driver error", async () => {
    const db = await target.open();
    const server = await startTestServer(db, { RATE_LIMITS_ENABLED: "false" });
    try {
      const member = await provisionMember(db, server.config, "owner");
      expect((await trpcQuery(server.url, "projects.list", {}, member.apiKey)).status).toBe(200);

      // No product hook needed: pull the database away from the running server.
      await db.close();

      for (const path of ["projects.list", "projects.get"]) {
        const response = await trpcQuery(server.url, path, { projectId: crypto.randomUUID() }, member.apiKey);
        expect(response.status).toBe(500);
        const text = await response.text();
        expect(text).not.toMatch(LEAKS);
        expect(JSON.parse(text)).toEqual({
          error: {
            message: "Internal server error",
            code: -32603,
            data: {
              code: "INTERNAL_SERVER_ERROR",
              httpStatus: 500,
              path,
              appCode: "INTERNAL",
              requestId: response.headers.get("x-request-id"),
            },
          },
        });
      }
      const mutation = await expectTrpcError(
        clientFor(server.url, member).projects.create.mutate({ name: "lost" }),
        "INTERNAL_SERVER_ERROR",
      );
      expect(mutation.message).toBe("Internal server error");

      const readiness = await fetch(`${server.url}/readyz`);
      expect(readiness.status).toBe(503);
      expect(await readiness.text()).not.toMatch(LEAKS);
    } finally {
      await server.stop();
      await db.close().catch(() => undefined);
    }
  });
});
