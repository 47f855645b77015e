import type { MemoryHit } from "@jeex/contracts/memory";
import { databaseTargets, uniqueSlug } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { projectWithSteps } from "../exports/support/pack.ts";
import { expectTrpcError, useTestServer } from "../support/server.ts";
import { eventually } from "./support/eventually.ts";

const marker = "Zanzibar pilot launch with harbour-front walkers";

describe.each(databaseTargets())("memory.search through the API ($name)", (target) => {
  const suite = useTestServer(target);

  /** A member's project with the whole pack drafted from the dog-walking idea (the walkers searched for). */
  async function projectWithPack(tenantSlug = uniqueSlug("memory")) {
    const member = await suite.member("editor", tenantSlug);
    const allSteps = ["about", "architecture", "plan", "specs"] as const;
    const { client, project, progress } = await projectWithSteps(suite.url, member, allSteps, "Walkies");
    progress.close();
    return { member, client, project };
  }

  const paths = (hits: MemoryHit[]) => hits.map((hit) => hit.path);

  it("after the steps ran, search finds chunks of the active documents, best first", async () => {
    const { client, project } = await projectWithPack();
    const search = (
      query: string,
      extra: { limit?: number; types?: ("about" | "adr" | "plan-epic")[] } = {},
    ) => client.memory.search.query({ projectId: project.id, query, ...extra });

    const { hits } = await eventually(
      () => search("GPS tracking of every walk for dog owners"),
      (result) => paths(result.hits).includes("docs/about.md"),
    );
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(10);
    const scores = hits.map((hit) => hit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(hits[0]).toMatchObject({
      version: 1,
      documentId: expect.any(String),
      heading: expect.any(String),
      text: expect.any(String),
    });

    // Every step's documents are indexed, and kinds filter.
    const all = await eventually(
      () => search("plan epics testing standards architecture decisions", { limit: 50 }),
      (result) =>
        ["docs/specs.md", "docs/plans/overview.md", "docs/architecture.md"].every((path) =>
          paths(result.hits).includes(path),
        ),
    );
    expect(all.hits.length).toBeLessThanOrEqual(50);
    const adrs = await search("decision", { types: ["adr"], limit: 5 });
    expect(adrs.hits.length).toBeGreaterThan(0);
    expect(adrs.hits.every((hit) => hit.type === "adr" && hit.path.startsWith("docs/adr/"))).toBe(true);
    expect((await search("walkers", { limit: 1 })).hits).toHaveLength(1);
  });

  it("an edit is searchable once indexed; re-activating the older version brings the older content back", async () => {
    const { client, project } = await projectWithPack();
    const about = (await client.documents.list.query({ projectId: project.id })).items.find(
      (d) => d.path === "docs/about.md",
    );
    if (!about) throw new Error("the about step wrote no docs/about.md");
    const v1 = await client.documents.get.query({ documentId: about.id });
    await client.documents.saveEdit.mutate({
      documentId: about.id,
      baseVersionId: about.versionId,
      content: `${v1.version.content}\n\n## Launch city\n\n${marker}.\n`,
    });
    const search = () => client.memory.search.query({ projectId: project.id, query: marker, limit: 50 });
    const aboutHits = (result: { hits: MemoryHit[] }) =>
      result.hits.filter((hit) => hit.documentId === about.id);

    const edited = await eventually(search, (result) =>
      aboutHits(result).some((hit) => hit.text.includes(marker)),
    );
    expect(aboutHits(edited).every((hit) => hit.version === 2)).toBe(true);
    expect(edited.hits[0]).toMatchObject({
      path: "docs/about.md",
      version: 2,
      heading: expect.stringContaining("Launch city"),
    });

    await client.documents.activate.mutate({ documentId: about.id, versionId: v1.version.id });
    const restored = await eventually(
      search,
      (result) => aboutHits(result).length > 0 && aboutHits(result).every((hit) => hit.version === 1),
    );
    expect(restored.hits.some((hit) => hit.text.includes(marker))).toBe(false);
    expect(
      aboutHits(restored)
        .map((hit) => hit.text)
        .join("\n"),
    ).toMatch(/walker/i);
  });

  it("a viewer may search; another tenant gets NOT_FOUND; bad input is BAD_REQUEST", async () => {
    const tenantSlug = uniqueSlug("memory");
    const { member, project } = await projectWithPack(tenantSlug);
    const viewer = suite.client(await suite.member("viewer", tenantSlug));
    const seen = await eventually(
      () => viewer.memory.search.query({ projectId: project.id, query: "dog walkers" }),
      (result) => result.hits.length > 0,
    );
    expect(seen.hits.length).toBeGreaterThan(0);
    const outsider = suite.client(await suite.member("owner"));
    await expectTrpcError(
      outsider.memory.search.query({ projectId: project.id, query: "walkers" }),
      "NOT_FOUND",
    );
    const owner = suite.client(member);
    await expectTrpcError(
      owner.memory.search.query({ projectId: project.id, query: "walkers", limit: 51 }),
      "BAD_REQUEST",
    );
    await expectTrpcError(owner.memory.search.query({ projectId: project.id, query: "   " }), "BAD_REQUEST");
    await expectTrpcError(
      owner.memory.search.query({ projectId: project.id, query: "walkers", types: ["nonsense" as "adr"] }),
      "BAD_REQUEST",
    );
  });
});
