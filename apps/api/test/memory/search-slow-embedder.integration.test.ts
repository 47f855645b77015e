import type { Database } from "@jeex/db/client";
import { databaseTargets, type FakeOpenAiServer, startFakeOpenAiServer } from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor, expectTrpcError, provisionMember, startTestServer } from "../support/server.ts";

const dimension = 8;
const embedDelayMs = 2_000;

describe.each(databaseTargets())("memory.search with a slow embedder ($name)", (target) => {
  let db: Database;
  let embeddings: FakeOpenAiServer;
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    db = await target.open();
    // A local `/v1/embeddings` that takes its time over every answer, as a loaded remote endpoint does.
    embeddings = await startFakeOpenAiServer({
      embeddings: {
        dimension,
        delayMs: embedDelayMs,
        vector: (_, index) =>
          Array.from({ length: dimension }, (_, i) => (i === index % dimension ? 1 : 0.1)),
      },
    });
    server = await startTestServer(db, {
      RATE_LIMITS_ENABLED: "false",
      EMBEDDINGS_PROVIDER: "openai-compatible",
      EMBEDDINGS_BASE_URL: embeddings.baseUrl,
      EMBEDDINGS_MODEL: "slow-embedder",
      EMBEDDINGS_DIMENSION: String(dimension),
    });
  });
  afterAll(async () => {
    await server.stop();
    await embeddings.close();
    await db.close();
  });

  it("another tenant's projects.list answers promptly while a search waits for its embedding", async () => {
    const searcher = clientFor(server.url, await provisionMember(db, server.config, "editor"));
    const other = clientFor(server.url, await provisionMember(db, server.config, "editor"));
    const project = await searcher.projects.create.mutate({ name: "Walkies" });
    const othersProject = await other.projects.create.mutate({ name: "Busy elsewhere" });

    // Another tenant's project is NOT_FOUND, checked before anything is sent to the embedder.
    await expectTrpcError(
      searcher.memory.search.query({ projectId: othersProject.id, query: "walks" }),
      "NOT_FOUND",
    );
    expect(embeddings.embeddingsRequests().length).toBe(0);

    let searchAnswered = false;
    const search = searcher.memory.search.query({ projectId: project.id, query: "GPS walks" }).finally(() => {
      searchAnswered = true;
    });
    // Let the search reach the embedder before the other tenant asks.
    while (embeddings.embeddingsRequests().length === 0)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const listStarted = performance.now();
    const page = await other.projects.list.query({ limit: 10 });
    const listMs = performance.now() - listStarted;
    // Before, the list waited for the search's transaction, so for the embedder (~2 s on PGlite):
    // it could only answer after the search. No timed bound, the order says it.
    const listAnsweredFirst = !searchAnswered;
    const { hits } = await search;
    console.info(
      `memory.search (${target.name}): another tenant's projects.list answered in ${Math.round(listMs)} ms while the search waited ${embedDelayMs} ms for its embedding`,
    );

    expect(page.items.map((p) => p.name)).toEqual(["Busy elsewhere"]);
    expect(hits).toEqual([]);
    expect(listAnsweredFirst).toBe(true);
  });
});
