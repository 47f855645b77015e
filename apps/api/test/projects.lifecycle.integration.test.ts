import { databaseTargets, uniqueSlug } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { expectTrpcError, useMemberOfEachRole, useTestServer } from "./support/server.ts";

describe.each(databaseTargets())("project lifecycle through the typed client on $name", (target) => {
  const suite = useTestServer(target);
  const members = useMemberOfEachRole(suite);

  it("creates, reads, updates, lists and soft-deletes a project", async () => {
    const client = suite.client(members.owner);
    const created = await client.projects.create.mutate({ name: "  Planner  ", description: "An idea" });
    expect(created).toMatchObject({ name: "Planner", description: "An idea", language: "en" });
    expect(created.createdBy).toBe(members.owner.userId);
    expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);

    expect(await client.projects.get.query({ projectId: created.id })).toEqual(created);
    const updated = await client.projects.update.mutate({ projectId: created.id, language: "pt-BR" });
    expect(updated).toMatchObject({ name: "Planner", language: "pt-BR" });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

    expect(await client.projects.delete.mutate({ projectId: created.id })).toEqual({
      projectId: created.id,
      deleted: true,
    });
    await expectTrpcError(client.projects.get.query({ projectId: created.id }), "NOT_FOUND");
    await expectTrpcError(client.projects.delete.mutate({ projectId: created.id }), "NOT_FOUND");
    const list = await client.projects.list.query({});
    expect(list.items.some((p) => p.id === created.id)).toBe(false);
  });

  it("a viewer reads but cannot create, update or delete", async () => {
    const project = await suite.client(members.editor).projects.create.mutate({ name: "shared" });
    const viewer = suite.client(members.viewer);
    expect((await viewer.projects.get.query({ projectId: project.id })).name).toBe("shared");
    await expectTrpcError(viewer.projects.create.mutate({ name: "nope" }), "FORBIDDEN");
    await expectTrpcError(
      viewer.projects.update.mutate({ projectId: project.id, name: "nope" }),
      "FORBIDDEN",
    );
    await expectTrpcError(viewer.projects.delete.mutate({ projectId: project.id }), "FORBIDDEN");
  });

  it("an editor edits but only an admin or owner deletes", async () => {
    const editor = suite.client(members.editor);
    const project = await editor.projects.create.mutate({ name: "to delete" });
    await expectTrpcError(editor.projects.delete.mutate({ projectId: project.id }), "FORBIDDEN");
    await suite.client(members.admin).projects.delete.mutate({ projectId: project.id });
  });

  it("a failed mutation leaves no partial write behind", async () => {
    const owner = suite.client(members.owner);
    const before = await owner.projects.list.query({ limit: 100 });
    await expectTrpcError(
      owner.projects.update.mutate({ projectId: crypto.randomUUID(), name: "ghost" }),
      "NOT_FOUND",
    );
    const after = await owner.projects.list.query({ limit: 100 });
    expect(after.items).toEqual(before.items);
  });

  it("errors carry the request id the caller sent", async () => {
    const requestId = `trace-${uniqueSlug("r")}`;
    const response = await fetch(`${suite.url}/trpc/projects.list`, {
      headers: { "x-request-id": requestId },
    });
    expect(response.headers.get("x-request-id")).toBe(requestId);
    const body = (await response.json()) as { error: { data: { requestId: string } } };
    expect(body.error.data.requestId).toBe(requestId);
  });
});
