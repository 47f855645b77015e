import type { Database } from "@jeex/db/client";
import { databaseTargets } from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../../src/server.ts";
import { projectWithProgress, runAndWait } from "../support/progress.ts";
import {
  clientFor,
  expectTrpcError,
  provisionMember,
  startTestServer,
  testConfig,
} from "../support/server.ts";
import { eventually } from "./support/eventually.ts";
import { type QdrantDouble, startQdrantDouble } from "./support/qdrant-double.ts";

// The whole API on VECTOR_STORE=qdrant, against the REST double: steps index into the
// collection, memory.search reads from it, and every request carried the tenant and project.

const target = databaseTargets()[0];

describe(`the API with VECTOR_STORE=qdrant (${target?.name})`, () => {
  let db: Database;
  let double: QdrantDouble;

  beforeAll(async () => {
    db = await (target as NonNullable<typeof target>).open();
    double = await startQdrantDouble();
  });
  afterAll(async () => {
    await double.close();
    await db.close();
  });

  it("/readyz reports Qdrant, and is 503 while it does not answer", async () => {
    const own = await startQdrantDouble();
    const api = await startTestServer(db, {
      VECTOR_STORE: "qdrant",
      QDRANT_URL: own.url,
      QDRANT_COLLECTION: "jeex_readiness_test",
    });
    try {
      const up = await fetch(`${api.url}/readyz`);
      expect(up.status).toBe(200);
      expect(await up.json()).toMatchObject({ status: "ready", qdrant: "up" });
      await own.close();
      const down = await fetch(`${api.url}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: "unavailable", qdrant: "down" });
    } finally {
      await api.stop();
    }
  });

  it("indexes step output into the collection and searches it, tenant and project filtered", async () => {
    const api = await startTestServer(db, {
      RATE_LIMITS_ENABLED: "false",
      VECTOR_STORE: "qdrant",
      QDRANT_URL: double.url,
      QDRANT_COLLECTION: "jeex_api_test",
    });
    try {
      const client = clientFor(api.url, await provisionMember(db, api.config, "editor"));
      const { project, progress } = await projectWithProgress(client, "Walkies");
      await runAndWait(client, progress, {
        projectId: project.id,
        step: "about",
        input: {
          idea: "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking.",
        },
      });
      progress.close();

      const { hits } = await eventually(
        () => client.memory.search.query({ projectId: project.id, query: "dog walkers GPS tracking" }),
        (result) => result.hits.length > 0,
      );
      expect(hits[0]).toMatchObject({ path: "docs/about.md", version: 1, type: "about" });
      expect(double.collections.get("jeex_api_test")?.points.size).toBeGreaterThan(0);

      const outsider = clientFor(api.url, await provisionMember(db, api.config, "owner"));
      await expectTrpcError(
        outsider.memory.search.query({ projectId: project.id, query: "walkers" }),
        "NOT_FOUND",
      );
      expect(double.violations).toEqual([]);
    } finally {
      await api.stop();
    }
  });

  it("refuses to start when the configured Qdrant does not answer", async () => {
    const server = createServer(testConfig({ VECTOR_STORE: "qdrant", QDRANT_URL: "http://127.0.0.1:9" }), {
      db,
    });
    await expect(server.start()).rejects.toThrow(
      /VECTOR_STORE=qdrant but Qdrant at http:\/\/127\.0\.0\.1:9 cannot be used/,
    );
    await server.stop();
  });
});
