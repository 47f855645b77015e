import { databaseTargets } from "@jeex/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { expectTrpcError, type TestMember, useTestServer } from "../support/server.ts";
import { type Browser, createBrowser } from "./support/browser.ts";
import { AUTH_TEST_ENV, sessionClient, signIn } from "./support/sign-in.ts";

describe.each(databaseTargets())("a signed-in person stays in their own tenants on $name", (target) => {
  const suite = useTestServer(target, AUTH_TEST_ENV);
  let ada: Browser;
  let tenantB: TestMember;
  let projectOfB: { id: string };
  let adaTenantId: string;

  beforeAll(async () => {
    tenantB = await suite.member();
    projectOfB = await suite.client(tenantB).projects.create.mutate({ name: "B's secret plan" });
    ada = createBrowser();
    await signIn(ada, suite.url, "ada@dev.jeex");
    const me = await sessionClient(suite.url, ada).auth.me.query();
    adaTenantId = me.activeTenant?.tenantId ?? "";
  });

  it("tenant B's projects are not in her lists and are NOT_FOUND by id", async () => {
    const jeex = sessionClient(suite.url, ada);
    const page = await jeex.projects.list.query({ limit: 100 });
    expect(page.items.every((p) => p.tenantId === adaTenantId)).toBe(true);
    expect(page.items.some((p) => p.id === projectOfB.id)).toBe(false);
    await expectTrpcError(jeex.projects.get.query({ projectId: projectOfB.id }), "NOT_FOUND");
    await expectTrpcError(
      jeex.projects.update.mutate({ projectId: projectOfB.id, name: "mine" }),
      "NOT_FOUND",
    );
  });

  it("naming tenant B in x-tenant-id is FORBIDDEN and changes nothing", async () => {
    const forged = sessionClient(suite.url, ada, { tenantId: tenantB.tenantId });
    await expectTrpcError(forged.projects.list.query({}), "FORBIDDEN");
    await expectTrpcError(forged.projects.get.query({ projectId: projectOfB.id }), "FORBIDDEN");
    await expectTrpcError(forged.projects.create.mutate({ name: "planted in B" }), "FORBIDDEN");
    const bSees = await suite.client(tenantB).projects.list.query({ limit: 100 });
    expect(bSees.items.map((p) => p.name)).toEqual(["B's secret plan"]);
  });

  it("naming her own tenant in x-tenant-id works", async () => {
    const chosen = sessionClient(suite.url, ada, { tenantId: adaTenantId });
    const created = await chosen.projects.create.mutate({ name: "Ada's engine" });
    expect(created.tenantId).toBe(adaTenantId);
  });
});
