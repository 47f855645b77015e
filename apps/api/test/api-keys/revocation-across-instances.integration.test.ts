import type { Database } from "@jeex/db/client";
import type { CredentialChangeListener } from "@jeex/db/credential-changes";
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

/**
 * The same database, seen by an instance that hears of credential changes only long after they
 * commit: a NOTIFY still in flight (or a LISTEN connection reconnecting) when the next request
 * arrives. Such an instance must refuse that request all the same.
 */
function hearingChangesLate(db: Database): Database {
  const late = (deliver: () => void) => setTimeout(deliver, 60_000).unref();
  return {
    ...db,
    watchCredentialChanges: (listener: CredentialChangeListener) =>
      db.watchCredentialChanges({
        changed: (tenantId) => late(() => listener.changed(tenantId)),
        resynced: () => listener.resynced(),
      }),
  };
}

// Each instance caches verified API keys; a change made through one must bind the other on the
// very next request. On Postgres the instances are as in production: own pools, shared Redis.
describe.each(databaseTargets())(
  "API keys cached by two API instances on $name",
  (target: DatabaseTarget) => {
    const handles: Database[] = [];
    let a: TestServer;
    let b: TestServer;
    let late: TestServer;

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
      late = await startTestServer(hearingChangesLate(dbB), env);
    });
    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      await late?.stop();
      for (const handle of handles) await handle.close();
    });

    const others = () => ({ b, late });
    it.each(["b", "late"] as const)(
      "a key revoked on A is refused by %s on the next request, though it had the key cached",
      async (name) => {
        const owner = await provisionMember(a.server.db, a.config, "owner");
        const created = await clientFor(a.url, owner).apiKeys.create.mutate({ name: "bot", role: "viewer" });
        const botOnA = clientFor(a.url, { apiKey: created.secret });
        const botOnB = clientFor(others()[name].url, { apiKey: created.secret });
        // Twice each: the second answer comes from the instance's cache.
        for (let i = 0; i < 2; i++) {
          expect((await botOnA.projects.list.query({})).items).toEqual([]);
          expect((await botOnB.projects.list.query({})).items).toEqual([]);
        }

        await clientFor(a.url, owner).apiKeys.revoke.mutate({ apiKeyId: created.apiKey.id });

        await expectTrpcError(botOnB.projects.list.query({}), "UNAUTHORIZED");
        await expectTrpcError(botOnA.projects.list.query({}), "UNAUTHORIZED");
      },
    );

    it.each(["b", "late"] as const)(
      "a member demoted or removed on A acts with the new role (or not at all) on %s at once",
      async (name) => {
        const slug = uniqueSlug("demote");
        const owner = await provisionMember(a.server.db, a.config, "owner", slug);
        const editor = await provisionMember(a.server.db, a.config, "editor", slug);
        const editorOnB = clientFor(others()[name].url, editor);
        const project = await editorOnB.projects.create.mutate({ name: "while an editor" });

        await clientFor(a.url, owner).tenants.members.setRole.mutate({
          userId: editor.userId,
          role: "viewer",
        });
        // Running a step opens transactions of its own: the key is confirmed before it starts.
        const run = {
          projectId: project.id,
          step: "about" as const,
          input: { idea: "An app for dog walkers." },
        };
        await expectTrpcError(editorOnB.workflow.runStep.mutate(run), "FORBIDDEN");
        await expectTrpcError(editorOnB.projects.create.mutate({ name: "as a viewer" }), "FORBIDDEN");
        expect((await editorOnB.projects.list.query({})).items).toHaveLength(1);

        await clientFor(a.url, owner).tenants.members.remove.mutate({ userId: editor.userId });
        const search = { projectId: project.id, query: "walkers" };
        await expectTrpcError(editorOnB.memory.search.query(search), "UNAUTHORIZED");
        await expectTrpcError(editorOnB.projects.list.query({}), "UNAUTHORIZED");
      },
    );

    it("a wrong secret with a cached key's prefix is refused", async () => {
      const owner = await provisionMember(a.server.db, a.config, "owner");
      await clientFor(b.url, owner).projects.list.query({});
      const [, prefix] = owner.apiKey.split("_");
      const forged = `jeex_${prefix}_${"A".repeat(43)}`;
      await expectTrpcError(clientFor(b.url, { apiKey: forged }).projects.list.query({}), "UNAUTHORIZED");
    });
  },
);
