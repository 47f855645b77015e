import { createHash } from "node:crypto";
import { exportManifestSchema } from "@jeex/contracts/exports";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { buildPack } from "../../src/exports/build-pack.ts";
import { UnsafePackPathError } from "../../src/exports/pack-layout.ts";
import { project, templatePack } from "./fixtures.ts";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function filesOf(archive: Uint8Array) {
  const zip = await JSZip.loadAsync(archive);
  const files = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async("uint8array"));
  }
  return { zip, files };
}

describe("building a documentation pack", () => {
  it("lays out README, docs and manifest under the project's slug folder", async () => {
    const documents = templatePack();
    const pack = await buildPack(project, documents);
    const { files } = await filesOf(pack.archive);
    const root = "crumb-bakery-stock-waste";
    expect(pack.fileName).toBe(`${root}.zip`);
    const paths = [...files.keys()];
    expect(paths.every((path) => path.startsWith(`${root}/`))).toBe(true);
    expect(paths).toEqual(
      expect.arrayContaining([
        `${root}/README.md`,
        `${root}/manifest.json`,
        `${root}/docs/about.md`,
        `${root}/docs/architecture.md`,
        `${root}/docs/specs.md`,
        `${root}/docs/plans/overview.md`,
      ]),
    );
    expect(paths.some((path) => /\/docs\/adr\/ADR-\d{3}-[a-z0-9-]+\.md$/.test(path))).toBe(true);
    expect(paths.filter((path) => /\/docs\/plans\/\d{2}-[a-z0-9-]+\.md$/.test(path)).length).toBeGreaterThan(
      1,
    );
    expect(paths).toHaveLength(documents.length + 2);
  });

  it("writes a manifest whose digests and sizes match the bytes, and an index linking every document", async () => {
    const documents = templatePack();
    const pack = await buildPack(project, documents);
    const { files } = await filesOf(pack.archive);
    const root = pack.manifest.project.slug;
    const manifest = exportManifestSchema.parse(
      JSON.parse(new TextDecoder().decode(files.get(`${root}/manifest.json`))),
    );
    expect(manifest).toEqual(pack.manifest);
    expect(manifest.project).toEqual({ id: project.id, name: project.name, slug: root });
    expect(manifest.files).toHaveLength(documents.length + 1);
    for (const file of manifest.files) {
      const bytes = files.get(`${root}/${file.path}`);
      expect(bytes, file.path).toBeDefined();
      expect(sha256(bytes ?? new Uint8Array())).toBe(file.sha256);
      expect(bytes?.byteLength).toBe(file.bytes);
    }
    for (const doc of documents) {
      expect(manifest.files.find((file) => file.path === doc.path)).toMatchObject({
        documentId: doc.documentId,
        versionId: doc.versionId,
        version: 1,
        source: "agent",
        step: doc.step,
      });
      expect(new TextDecoder().decode(files.get(`${root}/${doc.path}`))).toBe(doc.content);
    }
    const readme = new TextDecoder().decode(files.get(`${root}/README.md`));
    expect(readme).toMatch(/^# Crumb: Bakery Stock & Waste\n/);
    for (const doc of documents) expect(readme).toContain(`](${doc.path})`);
    expect(readme.indexOf("docs/about.md")).toBeLessThan(readme.indexOf("docs/specs.md"));
    expect(pack.sha256).toBe(sha256(pack.archive));
    expect(pack.sizeBytes).toBe(pack.archive.byteLength);
  });

  it("gives byte-identical archives for the same versions, dated with the newest version", async () => {
    const documents = templatePack();
    const first = await buildPack(project, documents);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await buildPack(project, documents.toReversed());
    expect(second.sha256).toBe(first.sha256);
    const newest = new Date(Math.max(...documents.map((doc) => doc.versionCreatedAt.getTime())));
    expect(first.manifest.generatedAt).toBe(
      new Date(Math.floor(newest.getTime() / 2000) * 2000).toISOString(),
    );
    const { zip } = await filesOf(first.archive);
    expect(new Set(Object.values(zip.files).map((entry) => entry.date.toISOString()))).toEqual(
      new Set([first.manifest.generatedAt]),
    );

    const edited = documents.map((doc) =>
      doc.path === "docs/about.md"
        ? {
            ...doc,
            version: 2,
            source: "human" as const,
            content: `${doc.content}\nEdited.\n`,
            versionCreatedAt: new Date(),
          }
        : doc,
    );
    const third = await buildPack(project, edited);
    expect(third.sha256).not.toBe(first.sha256);
    expect(third.manifest.files.find((file) => file.path === "docs/about.md")).toMatchObject({
      version: 2,
      source: "human",
    });
  });

  it("names a merged version in the manifest and says in the README when it needs review", async () => {
    const merged = templatePack().map((doc) =>
      doc.path === "docs/about.md"
        ? { ...doc, version: 4, source: "merged" as const, needsReview: true }
        : doc,
    );
    const pack = await buildPack(project, merged);
    expect(pack.manifest.files.find((file) => file.path === "docs/about.md")).toMatchObject({
      version: 4,
      source: "merged",
    });
    const { files } = await filesOf(pack.archive);
    const readme = new TextDecoder().decode(files.get("crumb-bakery-stock-waste/README.md"));
    expect(readme).toMatch(
      /\(docs\/about\.md\) — version 4, an agent's re-run merged with a person's edit, needs review/,
    );
  });

  it("refuses a document path that would escape the pack folder", async () => {
    const documents = templatePack();
    const [first] = documents;
    if (!first) throw new Error("the template pack has documents");
    for (const path of ["../evil.md", "docs/../../evil.md", "/etc/passwd.md", "docs/a\\b.md", "README.md"]) {
      const withBadPath = [...documents, { ...first, path }];
      await expect(buildPack(project, withBadPath), path).rejects.toBeInstanceOf(UnsafePackPathError);
    }
  });
});
