import { databaseTargets } from "@jeex/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { expectTrpcError, type TestMember, useTestServer } from "./support/server.ts";

describe.each(databaseTargets())("projects are isolated between tenants on $name", (target) => {
  const suite = useTestServer(target);
  let tenantA: TestMember;
  let tenantB: TestMember;
  let projectOfA: { id: string };

  beforeAll(async () => {
    tenantA = await suite.member();
    tenantB = await suite.member();
    projectOfA = await suite.client(tenantA).projects.create.mutate({ name: "Secret plan of A" });
    await suite.client(tenantB).projects.create.mutate({ name: "B's own project" });
  });

  const asB = (forgedTenant?: string) =>
    suite.client(tenantB, forgedTenant ? { tenantId: forgedTenant } : {});

  it("tenant B gets NOT_FOUND for tenant A's project on get, update and delete", async () => {
    await expectTrpcError(asB().projects.get.query({ projectId: projectOfA.id }), "NOT_FOUND");
    await expectTrpcError(
      asB().projects.update.mutate({ projectId: projectOfA.id, name: "taken" }),
      "NOT_FOUND",
    );
    await expectTrpcError(asB().projects.delete.mutate({ projectId: projectOfA.id }), "NOT_FOUND");
    const stillThere = await suite.client(tenantA).projects.get.query({ projectId: projectOfA.id });
    expect(stillThere.name).toBe("Secret plan of A");
  });

  it("tenant B never sees tenant A's project in lists, with or without a search", async () => {
    const everything = await asB().projects.list.query({ limit: 100 });
    expect(everything.items.map((p) => p.tenantId)).toEqual(everything.items.map(() => tenantB.tenantId));
    expect(everything.items.some((p) => p.id === projectOfA.id)).toBe(false);
    const searched = await asB().projects.list.query({ search: "Secret plan" });
    expect(searched.items).toEqual([]);
  });

  it("a project created by B belongs to B whatever B claims", async () => {
    const created = await asB().projects.create.mutate({ name: "B again" });
    expect(created.tenantId).toBe(tenantB.tenantId);
  });

  it("a forged x-tenant-id naming tenant A is refused and reveals nothing", async () => {
    const forged = asB(tenantA.tenantId);
    await expectTrpcError(forged.projects.list.query({}), "FORBIDDEN");
    await expectTrpcError(forged.projects.get.query({ projectId: projectOfA.id }), "FORBIDDEN");
    await expectTrpcError(
      forged.projects.update.mutate({ projectId: projectOfA.id, name: "x" }),
      "FORBIDDEN",
    );
    await expectTrpcError(forged.projects.delete.mutate({ projectId: projectOfA.id }), "FORBIDDEN");
    await expectTrpcError(forged.projects.create.mutate({ name: "planted in A" }), "FORBIDDEN");
    const aSees = await suite.client(tenantA).projects.list.query({ limit: 100 });
    expect(aSees.items.map((p) => p.name)).toEqual(["Secret plan of A"]);
  });

  it("naming one's own tenant in x-tenant-id works as without it", async () => {
    const own = await asB(tenantB.tenantId).projects.list.query({});
    expect(own.items.length).toBeGreaterThan(0);
  });
});
