import { databaseTargets } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { everyProject } from "./support/every-project.ts";
import { useTestServer } from "./support/server.ts";

describe.each(databaseTargets())("cursor pagination of projects on $name", (target) => {
  const suite = useTestServer(target);

  it("returns every existing row exactly once while other rows are inserted concurrently", async () => {
    const member = await suite.member();
    const client = suite.client(member);
    const existing = new Set<string>();
    for (let i = 0; i < 60; i++)
      existing.add((await client.projects.create.mutate({ name: `existing ${i}` })).id);

    let inserting = true;
    const concurrentInserts = (async () => {
      let n = 0;
      while (inserting) await client.projects.create.mutate({ name: `concurrent ${n++}` });
      return n;
    })();

    const seen = (await everyProject(client, 7)).map((p) => p.id);
    inserting = false;
    expect(await concurrentInserts).toBeGreaterThan(0);

    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => existing.has(id)).sort()).toEqual([...existing].sort());
  });

  it("orders newest first and filters by name, case-insensitively", async () => {
    const member = await suite.member();
    const client = suite.client(member);
    for (const name of ["Alpha rocket", "beta", "ROCKET science", "50% off_sale"]) {
      await client.projects.create.mutate({ name });
    }
    const all = await client.projects.list.query({});
    expect(all.items.map((p) => p.name)).toEqual(["50% off_sale", "ROCKET science", "beta", "Alpha rocket"]);
    expect(all.nextCursor).toBeNull();
    const rockets = await client.projects.list.query({ search: "rocket" });
    expect(rockets.items.map((p) => p.name)).toEqual(["ROCKET science", "Alpha rocket"]);
    // LIKE wildcards in the search are literal characters.
    expect((await client.projects.list.query({ search: "%" })).items.map((p) => p.name)).toEqual([
      "50% off_sale",
    ]);
    expect((await client.projects.list.query({ search: "f_s" })).items.map((p) => p.name)).toEqual([
      "50% off_sale",
    ]);
  });
});
