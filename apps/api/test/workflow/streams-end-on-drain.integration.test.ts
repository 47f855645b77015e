import type { Database } from "@jeex/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oneDatabaseTarget } from "../security/support/database.ts";
import { clientFor, provisionMember, startTestServer, type TestServer } from "../support/server.ts";

const target = oneDatabaseTarget();

/** A raw `workflow.events` stream: resolves once its opening frame arrived; `ended` once its body ends. */
async function openRawStream(url: string, apiKey: string, projectId: string) {
  const input = encodeURIComponent(JSON.stringify({ projectId }));
  const response = await fetch(`${url}/trpc/workflow.events?input=${input}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const reader = response.body?.getReader();
  if (!reader) throw new Error("the stream has no body");
  await reader.read();
  const ended = (async () => {
    for (;;) if ((await reader.read()).done) return true;
  })();
  return { ended };
}

describe(`progress streams when the server stops, on ${target.name}`, () => {
  let db: Database;
  let server: TestServer;
  beforeAll(async () => {
    db = await target.open();
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  it("every open stream ends as the server drains, and the stop is not held up by them", async () => {
    const member = await provisionMember(db, server.config);
    const project = await clientFor(server.url, member).projects.create.mutate({ name: "Watched" });
    const streams = await Promise.all(
      Array.from({ length: 5 }, () => openRawStream(server.url, member.apiKey, project.id)),
    );
    await server.stop();
    expect(await Promise.all(streams.map((stream) => stream.ended))).toEqual([true, true, true, true, true]);
  });
});
