import { createHash } from "node:crypto";
import { exportManifestSchema } from "@jeex/contracts/exports";
import { qualityReportSchema } from "@jeex/contracts/quality";
import { databaseTargets, uniqueSlug } from "@jeex/db/testing";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { expectTrpcError, useTestServer } from "../support/server.ts";
import { exportAndWait, exportEvents, projectWithSteps } from "./support/pack.ts";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Downloads a link with plain fetch (no credentials: the link is the credential) and unzips it. */
async function download(url: string) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files))
    if (!entry.dir) files.set(entry.name, await entry.async("uint8array"));
  return { response, bytes, files };
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe.each(databaseTargets())("exporting the documentation pack over HTTP ($name)", (target) => {
  const suite = useTestServer(target);

  it("packs the active versions of all four steps into a zip whose manifest matches every byte", async () => {
    const editor = await suite.member("editor");
    const { client, project, progress } = await projectWithSteps(suite.url, editor);

    const done = await exportAndWait(client, progress, project.id);
    expect(done).toMatchObject({ projectId: project.id, status: "succeeded", error: null });
    expect(exportEvents(progress, done.id).map((event) => event.type)).toEqual([
      "export.queued",
      "export.progress",
      "export.progress",
      "export.progress",
      "export.succeeded",
    ]);
    expect(done.download?.url).toMatch(
      new RegExp(`^${suite.url}/exports/${done.id}/download\\?expires=\\d+&sig=`),
    );
    const linkLifetime = Date.parse(done.download?.expiresAt ?? "") - Date.now();
    expect(linkLifetime).toBeGreaterThan(14 * 60_000);
    expect(linkLifetime).toBeLessThanOrEqual(15 * 60_000);
    expect(Date.parse(done.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);

    const { response, bytes, files } = await download(done.download?.url ?? "");
    const root = "walkies-dog-walking";
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${root}.zip"`);
    expect(Number(response.headers.get("content-length"))).toBe(bytes.byteLength);
    expect(bytes.byteLength).toBe(done.sizeBytes);
    expect(sha256(bytes)).toBe(done.sha256);

    const paths = [...files.keys()];
    for (const expected of [
      "README.md",
      "manifest.json",
      "docs/about.md",
      "docs/architecture.md",
      "docs/specs.md",
      "docs/plans/overview.md",
    ]) {
      expect(paths).toContain(`${root}/${expected}`);
    }
    expect(paths.some((path) => new RegExp(`^${root}/docs/adr/ADR-\\d{3}-[a-z0-9-]+\\.md$`).test(path))).toBe(
      true,
    );
    expect(
      paths.filter((path) => new RegExp(`^${root}/docs/plans/\\d{2}-[a-z0-9-]+\\.md$`).test(path)).length,
    ).toBeGreaterThan(1);

    const manifest = exportManifestSchema.parse(JSON.parse(text(files.get(`${root}/manifest.json`))));
    expect(manifest).toEqual(done.manifest);
    expect(manifest.project).toEqual({ id: project.id, name: project.name, slug: root });
    expect(manifest.files.map((file) => `${root}/${file.path}`).sort()).toEqual(
      paths.filter((path) => path !== `${root}/manifest.json` && path !== `${root}/quality.json`).sort(),
    );
    // Beside the manifest: the quality report of exactly the packed versions (the template's pack is clean).
    const quality = qualityReportSchema.parse(JSON.parse(text(files.get(`${root}/quality.json`))));
    expect(quality.versionIds).toEqual(
      manifest.files.flatMap((file) => (file.versionId ? [file.versionId] : [])).sort(),
    );
    expect(quality.counts.errors).toBe(0);
    for (const file of manifest.files) {
      const content = files.get(`${root}/${file.path}`) ?? new Uint8Array();
      expect(sha256(content), file.path).toBe(file.sha256);
      expect(content.byteLength, file.path).toBe(file.bytes);
    }

    // Every document is its active version, byte for byte.
    const active = (await client.documents.list.query({ projectId: project.id })).items;
    expect(manifest.files.filter((file) => file.source !== "generated")).toHaveLength(active.length);
    for (const doc of active) {
      const { version } = await client.documents.get.query({ documentId: doc.id });
      expect(manifest.files.find((file) => file.path === doc.path)).toMatchObject({
        documentId: doc.id,
        versionId: version.id,
        version: version.version,
        source: version.source,
      });
      expect(text(files.get(`${root}/${doc.path}`))).toBe(version.content);
    }
    const readme = text(files.get(`${root}/README.md`));
    for (const doc of active) expect(readme).toContain(`](${doc.path})`);
    expect(readme).toContain("## Quality report");
    progress.close();
  });

  it("the same versions give the same archive; a human edit shows up in the next export", async () => {
    const editor = await suite.member("editor");
    const { client, project, progress } = await projectWithSteps(suite.url, editor);
    const first = await exportAndWait(client, progress, project.id);
    const again = await exportAndWait(client, progress, project.id);
    expect(again.id).not.toBe(first.id);
    expect(again.sha256).toBe(first.sha256);

    const about = (await client.documents.list.query({ projectId: project.id })).items.find(
      (d) => d.path === "docs/about.md",
    );
    const current = await client.documents.get.query({ documentId: about?.id ?? "" });
    const edited = `${current.version.content}\n## Key facts\n\n- Walkers must carry pet first-aid certification.\n`;
    await client.documents.saveEdit.mutate({
      documentId: current.document.id,
      baseVersionId: current.version.id,
      content: edited,
    });

    const afterEdit = await exportAndWait(client, progress, project.id);
    expect(afterEdit.sha256).not.toBe(first.sha256);
    expect(afterEdit.manifest?.files.find((file) => file.path === "docs/about.md")).toMatchObject({
      version: 2,
      source: "human",
    });
    const { files } = await download(afterEdit.download?.url ?? "");
    expect(text(files.get("walkies-dog-walking/docs/about.md"))).toBe(edited);
    // Downstream documents were written before the edit: the manifest says so.
    expect(afterEdit.manifest?.files.find((file) => file.path === "docs/architecture.md")?.stale).toBe(true);

    const page = await client.exports.list.query({ projectId: project.id, limit: 2 });
    expect(page.items.map((item) => item.id)).toEqual([afterEdit.id, again.id]);
    const rest = await client.exports.list.query({
      projectId: project.id,
      limit: 2,
      cursor: page.nextCursor ?? "",
    });
    expect(rest).toEqual({
      items: [expect.objectContaining({ id: first.id, status: "succeeded" })],
      nextCursor: null,
    });
    progress.close();
  });

  it("is refused while a step has no active document, naming the missing steps", async () => {
    const editor = await suite.member("editor");
    const { client, project, progress } = await projectWithSteps(suite.url, editor, [
      "about",
      "architecture",
    ]);
    const refused = await expectTrpcError(
      client.exports.create.mutate({ projectId: project.id }),
      "PRECONDITION_FAILED",
    );
    expect(refused.message).toMatch(/no active document for plan, specs/);
    expect((await client.exports.list.query({ projectId: project.id })).items).toEqual([]);
    progress.close();
  });

  it("a viewer of the tenant can read an export and its link, but not create one", async () => {
    const tenantSlug = uniqueSlug("exports");
    const editor = await suite.member("editor", tenantSlug);
    const { client, project, progress } = await projectWithSteps(suite.url, editor);
    const done = await exportAndWait(client, progress, project.id);
    progress.close();
    const viewer = suite.client(await suite.member("viewer", tenantSlug));
    const seen = await viewer.exports.get.query({ exportId: done.id });
    expect(seen).toMatchObject({ id: done.id, status: "succeeded", sha256: done.sha256 });
    expect((await fetch(seen.download?.url ?? "")).status).toBe(200);
    expect((await viewer.exports.list.query({ projectId: project.id })).items.map((item) => item.id)).toEqual(
      [done.id],
    );
    await expectTrpcError(viewer.exports.create.mutate({ projectId: project.id }), "FORBIDDEN");
  });
});
