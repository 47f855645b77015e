import { randomUUID } from "node:crypto";
import { exportsTable } from "@jeex/db/schema";
import { databaseTargets } from "@jeex/db/testing";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { expectTrpcError, type TestMember, useTestServer } from "../support/server.ts";
import { exportAndWait, projectWithSteps } from "./support/pack.ts";

/** A link with one query parameter replaced. */
function withParam(url: string, name: string, value: string) {
  const changed = new URL(url);
  changed.searchParams.set(name, value);
  return changed.toString();
}

async function statusAndBody(url: string) {
  const response = await fetch(url);
  const body = response.headers.get("content-type")?.startsWith("application/json")
    ? await response.json()
    : undefined;
  return {
    status: response.status,
    body: body as { error: string; code: string; requestId: string } | undefined,
  };
}

describe.each(databaseTargets())("signed download links and export isolation ($name)", (target) => {
  const suite = useTestServer(target);
  let owner: TestMember;
  let ready: {
    projectId: string;
    exportA: { id: string; url: string; expiresAt: string };
    exportB: { id: string };
  };

  beforeAll(async () => {
    owner = await suite.member("editor");
    const { client, project, progress } = await projectWithSteps(suite.url, owner);
    const exportA = await exportAndWait(client, progress, project.id);
    const exportB = await exportAndWait(client, progress, project.id);
    progress.close();
    if (!exportA.download) throw new Error("a succeeded export has a download link");
    ready = { projectId: project.id, exportA: { id: exportA.id, ...exportA.download }, exportB };
  });

  it("a tampered signature is 403, with a JSON error body", async () => {
    const { url } = ready.exportA;
    const sig = new URL(url).searchParams.get("sig") ?? "";
    const tampered = `${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`;
    const { status, body } = await statusAndBody(withParam(url, "sig", tampered));
    expect(status).toBe(403);
    expect(body).toMatchObject({ code: "FORBIDDEN", error: expect.stringMatching(/signature/) });
    expect(body?.requestId).toBeTruthy();
    // A later expiry is not covered by the signature either.
    const expires = Number(new URL(url).searchParams.get("expires"));
    expect((await statusAndBody(withParam(url, "expires", String(expires + 3600)))).status).toBe(403);
  });

  it("a link signed for export A does not open export B (403)", async () => {
    const swapped = ready.exportA.url.replace(ready.exportA.id, ready.exportB.id);
    expect(swapped).not.toBe(ready.exportA.url);
    expect((await statusAndBody(swapped)).status).toBe(403);
  });

  it("an expired link is 410", async () => {
    const longAgo = new Date(Date.now() - 3600_000);
    const expired = suite.server.server.exports.links.linkFor(
      ready.exportA.id,
      new Date(Date.now() + 3600_000),
      longAgo,
    );
    const { status, body } = await statusAndBody(expired.url);
    expect(status).toBe(410);
    expect(body?.code).toBe("LINK_EXPIRED");
  });

  it("a genuine link to an export that does not exist is 404", async () => {
    const unknown = suite.server.server.exports.links.linkFor(randomUUID(), new Date(Date.now() + 3600_000));
    const { status, body } = await statusAndBody(unknown.url);
    expect(status).toBe(404);
    expect(body?.code).toBe("NOT_FOUND");
  });

  it("malformed parameters are 400", async () => {
    const { url, id } = ready.exportA;
    const cases = [
      url.replace(id, "not-a-uuid"),
      withParam(url, "expires", "soon"),
      withParam(url, "sig", "short"),
      url.replace(/&sig=[^&]+/, ""),
      url.split("?")[0] ?? "",
    ];
    for (const bad of cases) expect((await statusAndBody(bad)).status, bad).toBe(400);
  });

  it("tenant B cannot get, list or create exports of tenant A's project (NOT_FOUND)", async () => {
    const other = suite.client(await suite.member("owner"));
    await expectTrpcError(other.exports.get.query({ exportId: ready.exportA.id }), "NOT_FOUND");
    await expectTrpcError(other.exports.list.query({ projectId: ready.projectId }), "NOT_FOUND");
    await expectTrpcError(other.exports.create.mutate({ projectId: ready.projectId }), "NOT_FOUND");
    // A forged tenant header changes nothing either.
    const forged = suite.client(await suite.member("owner"), {
      tenantId: owner.tenantId,
    });
    await expectTrpcError(forged.exports.get.query({ exportId: ready.exportA.id }), "FORBIDDEN");
  });

  it("an expired export is refused (410), then deleted by the sweep, after which its link is 404", async () => {
    const editor = await suite.member("editor");
    const { client, project, progress } = await projectWithSteps(suite.url, editor);
    const done = await exportAndWait(client, progress, project.id);
    progress.close();
    const link = done.download?.url ?? "";
    expect((await fetch(link)).status).toBe(200);

    // The archive's lifetime runs out while the link is still valid.
    await suite.db.withTenant({ tenantId: editor.tenantId, userId: editor.userId }, (tx) =>
      tx.db
        .update(exportsTable)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(exportsTable.id, done.id)),
    );
    const refused = await statusAndBody(link);
    expect(refused.status).toBe(410);
    expect(refused.body?.code).toBe("EXPORT_EXPIRED");
    expect((await client.exports.get.query({ exportId: done.id })).download).toBeNull();

    expect(await suite.server.server.exports.feature.sweepExpired()).toBeGreaterThanOrEqual(1);
    expect((await statusAndBody(link)).status).toBe(404);
    await expectTrpcError(client.exports.get.query({ exportId: done.id }), "NOT_FOUND");
    // Exports that have not expired are untouched.
    expect((await fetch(ready.exportA.url)).status).toBe(200);
  });
});
