import type { Database } from "@jeex/db/client";
import { databaseTargets, uniqueSlug } from "@jeex/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type AnswerDroppingProxy, startAnswerDroppingProxy } from "./support/answer-dropping-proxy.ts";
import { clientFor, provisionMember, startTestServer, type TestMember } from "./support/server.ts";

const keysSent = (traffic: string) => [...traffic.matchAll(/"idempotencyKey":"([^"]+)"/g)].map((m) => m[1]);

describe.each(databaseTargets())("the client retries a create whose answer was lost, on $name", (target) => {
  let db: Database;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let member: TestMember;
  let proxy: AnswerDroppingProxy | undefined;

  beforeAll(async () => {
    db = await target.open();
    server = await startTestServer(db);
    member = await provisionMember(db, server.config);
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });
  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it("projects.create: the retry (same key) answers the committed project, and there is only one", async () => {
    proxy = await startAnswerDroppingProxy(server.url, "projects.create");
    const name = uniqueSlug("lost answer");
    const created = await clientFor(proxy.url, member).projects.create.mutate({ name });
    expect(proxy.dropped).toBe(1);
    const keys = keysSent(proxy.sent);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const listed = await clientFor(server.url, member).projects.list.query({ search: name });
    expect(listed.items.map((project) => project.id)).toEqual([created.id]);
  });

  it("apiKeys.create: the retry answers the committed key without its secret, and there is only one", async () => {
    proxy = await startAnswerDroppingProxy(server.url, "apiKeys.create");
    const name = uniqueSlug("lost key");
    const created = await clientFor(proxy.url, member).apiKeys.create.mutate({ name, role: "viewer" });
    expect(proxy.dropped).toBe(1);
    expect(created.secret).toBeNull();
    expect(created.note).toContain(created.apiKey.prefix);
    const keys = await clientFor(server.url, member).apiKeys.list.query({ limit: 100 });
    expect(keys.items.filter((key) => key.name === name).map((key) => key.id)).toEqual([created.apiKey.id]);
  });
});
