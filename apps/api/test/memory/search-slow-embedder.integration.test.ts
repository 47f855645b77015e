import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@jeex/db/client";
import { databaseTargets } from "@jeex/db/testing/databases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor, expectTrpcError, provisionMember, startTestServer } from "../support/server.ts";

const dimension = 8;
const embedDelayMs = 2_000;

/** A local `/v1/embeddings` that takes its time over every answer, as a loaded remote endpoint does. */
async function startSlowEmbeddingsServer() {
  let requests = 0;
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => {
      raw += chunk.toString("utf8");
    });
    req.on("end", () => {
      requests++;
      const body = JSON.parse(raw) as { model: string; input: string[] };
      setTimeout(() => {
        const data = body.input.map((_, index) => ({
          object: "embedding",
          index,
          embedding: Array.from({ length: dimension }, (_, i) => (i === index % dimension ? 1 : 0.1)),
        }));
        if (res.destroyed) return;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ object: "list", model: body.model, data, usage: { prompt_tokens: 1 } }));
      }, embedDelayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(databaseTargets())("memory.search with a slow embedder ($name)", (target) => {
  let db: Database;
  let embeddings: Awaited<ReturnType<typeof startSlowEmbeddingsServer>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    db = await target.open();
    embeddings = await startSlowEmbeddingsServer();
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
    expect(embeddings.requests()).toBe(0);

    const started = performance.now();
    const search = searcher.memory.search.query({ projectId: project.id, query: "GPS walks" });
    // Let the search reach the embedder before the other tenant asks.
    while (embeddings.requests() === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const listStarted = performance.now();
    const page = await other.projects.list.query({ limit: 10 });
    const listMs = performance.now() - listStarted;
    const { hits } = await search;

    expect(page.items.map((p) => p.name)).toEqual(["Busy elsewhere"]);
    expect(hits).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(embedDelayMs - 50);
    // Before, the list waited for the search's transaction, so for the embedder (~2 s on PGlite).
    expect(listMs).toBeLessThan(embedDelayMs / 2);
  });
});
