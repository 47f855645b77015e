import type { Database } from "@jeex/db/client";
import { type DatabaseTarget, databaseTargets, uniqueSlug } from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clientFor,
  expectTrpcError,
  provisionMember,
  startTestServer,
  type TestServer,
} from "../support/server.ts";

const redisUrl = "redis://127.0.0.1:6379";

// Each instance caches verified API keys; a change made through one must bind the other on the
// very next request. On Postgres the instances are as in production: own pools, shared Redis.
describe.each(databaseTargets())(
  "API keys cached by two API instances on $name",
  (target: DatabaseTarget) => {
    const handles: Database[] = [];
    let a: TestServer;
    let b: TestServer;

    beforeAll(async () => {
      const dbA = await target.open();
      // PGlite is one in-process database: both instances share its handle, as they would a file.
      const dbB = target.name === "postgres" ? await target.open() : dbA;
      handles.push(...new Set([dbA, dbB]));
      const env: Record<string, string> =
        target.name === "postgres"
          ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `jeex-test-${uniqueSlug("keys")}` }
          : {};
      a = await startTestServer(dbA, env);
      b = await startTestServer(dbB, env);
    });
    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      for (const handle of handles) await handle.close();
    });

    it("a key revoked on A is refused by B on the next request, though B had it cached", async () => {
      const owner = await provisionMember(a.server.db, a.config, "owner");
      const created = await clientFor(a.url, owner).apiKeys.create.mutate({ name: "bot", role: "viewer" });
      const botOnA = clientFor(a.url, { apiKey: created.secret });
      const botOnB = clientFor(b.url, { apiKey: created.secret });
      // Twice each: the second answer comes from the instance's cache.
      for (let i = 0; i < 2; i++) {
        expect((await botOnA.projects.list.query({})).items).toEqual([]);
        expect((await botOnB.projects.list.query({})).items).toEqual([]);
      }

      await clientFor(a.url, owner).apiKeys.revoke.mutate({ apiKeyId: created.apiKey.id });

      await expectTrpcError(botOnB.projects.list.query({}), "UNAUTHORIZED");
      await expectTrpcError(botOnA.projects.list.query({}), "UNAUTHORIZED");
    });

    it("a member demoted or removed on A acts with the new role (or not at all) on B at once", async () => {
      const slug = uniqueSlug("demote");
      const owner = await provisionMember(a.server.db, a.config, "owner", slug);
      const editor = await provisionMember(a.server.db, a.config, "editor", slug);
      const editorOnB = clientFor(b.url, editor);
      await editorOnB.projects.create.mutate({ name: "while an editor" });

      await clientFor(a.url, owner).tenants.members.setRole.mutate({ userId: editor.userId, role: "viewer" });
      await expectTrpcError(editorOnB.projects.create.mutate({ name: "as a viewer" }), "FORBIDDEN");
      expect((await editorOnB.projects.list.query({})).items).toHaveLength(1);

      await clientFor(a.url, owner).tenants.members.remove.mutate({ userId: editor.userId });
      await expectTrpcError(editorOnB.projects.list.query({}), "UNAUTHORIZED");
    });

    it("a wrong secret with a cached key's prefix is refused", async () => {
      const owner = await provisionMember(a.server.db, a.config, "owner");
      await clientFor(b.url, owner).projects.list.query({});
      const [, prefix] = owner.apiKey.split("_");
      const forged = `jeex_${prefix}_${"A".repeat(43)}`;
      await expectTrpcError(clientFor(b.url, { apiKey: forged }).projects.list.query({}), "UNAUTHORIZED");
    });
  },
);
