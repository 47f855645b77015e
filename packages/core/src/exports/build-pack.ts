import { createHash } from "node:crypto";
import type { ExportManifest, ManifestFile } from "@jeex/contracts/exports";
import { SpanStatusCode, trace } from "@opentelemetry/api";
import { inSpan } from "../telemetry/span.ts";
import { runTextWork } from "../text-work/pool.ts";
import type { PackDocument, PackProject } from "./pack-document.ts";
import {
  assertSafeDocumentPath,
  foldersOf,
  MANIFEST_PATH,
  PACK_FORMAT,
  projectSlug,
  README_PATH,
} from "./pack-layout.ts";
import { type PackQuality, QUALITY_PATH, renderQualitySection } from "./pack-quality.ts";
import { readingOrder, renderPackReadme } from "./pack-readme.ts";
import type { ArchiveEntry } from "./zip-archive.ts";

export interface BuiltPack {
  archive: Uint8Array;
  manifest: ExportManifest;
  sha256: string;
  sizeBytes: number;
  /** `<slug>.zip`, the name a download is saved under. */
  fileName: string;
}

const tracer = trace.getTracer("jeex-exports");
const utf8 = new TextEncoder();
const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * The pack's own clock: the newest included version. Entry dates and `generatedAt` come from it,
 * so building the same versions again gives the same bytes (and the same SHA-256).
 */
function contentTime(documents: PackDocument[]): Date {
  const newest = Math.max(...documents.map((doc) => doc.versionCreatedAt.getTime()));
  if (!Number.isFinite(newest)) throw new Error("a pack needs at least one document");
  // Zip (DOS) dates keep even seconds only; round here so generatedAt matches the entries.
  return new Date(Math.floor(newest / 2000) * 2000);
}

/**
 * Builds `<slug>/README.md`, `<slug>/docs/**` and `<slug>/manifest.json` into a deterministic
 * zip: entries in a fixed order, all dated with the content time, one compression level.
 */
export function buildPack(
  project: PackProject,
  documents: PackDocument[],
  quality?: PackQuality,
): Promise<BuiltPack> {
  return inSpan(
    tracer,
    "exports.build_pack",
    { attributes: { "jeex.project_id": project.id, "jeex.export.documents": documents.length } },
    async (span) => {
      const pack = await zipPack(project, documents, quality);
      span.setAttributes({ "jeex.export.bytes": pack.sizeBytes, "jeex.export.sha256": pack.sha256 });
      span.setStatus({ code: SpanStatusCode.OK });
      return pack;
    },
  );
}

async function zipPack(
  project: PackProject,
  documents: PackDocument[],
  quality: PackQuality | undefined,
): Promise<BuiltPack> {
  for (const doc of documents) assertSafeDocumentPath(doc.path);
  const slug = projectSlug(project.name);
  const date = contentTime(documents);
  const generatedAt = date.toISOString();
  const ordered = readingOrder(documents);

  const readmeText = renderPackReadme(project, ordered, generatedAt);
  const readme = utf8.encode(quality ? `${readmeText}\n${renderQualitySection(quality)}` : readmeText);
  const files: { path: string; bytes: Uint8Array; entry: ManifestFile }[] = [
    {
      path: README_PATH,
      bytes: readme,
      entry: {
        path: README_PATH,
        source: "generated",
        documentId: null,
        versionId: null,
        version: null,
        step: null,
        stale: false,
        sha256: sha256Of(readme),
        bytes: readme.byteLength,
      },
    },
    ...ordered.map((doc) => {
      const bytes = utf8.encode(doc.content);
      const entry: ManifestFile = {
        path: doc.path,
        source: doc.source,
        documentId: doc.documentId,
        versionId: doc.versionId,
        version: doc.version,
        step: doc.step,
        stale: doc.stale,
        sha256: sha256Of(bytes),
        bytes: bytes.byteLength,
      };
      return { path: doc.path, bytes, entry };
    }),
  ];
  const manifest: ExportManifest = {
    format: PACK_FORMAT,
    project: { id: project.id, name: project.name, slug },
    generatedAt,
    files: files.map((file) => file.entry),
  };

  // Folders are listed explicitly, so that every entry carries the pack's date.
  const allPaths = [...files.map((file) => file.path), MANIFEST_PATH, ...(quality ? [QUALITY_PATH] : [])];
  const folders = [slug, ...foldersOf(allPaths).map((folder) => `${slug}/${folder}`)];
  const entries: ArchiveEntry[] = [
    ...folders.map((folder) => ({ name: `${folder}/`, bytes: null })),
    ...files.map((file) => ({ name: `${slug}/${file.path}`, bytes: file.bytes })),
    { name: `${slug}/${MANIFEST_PATH}`, bytes: utf8.encode(`${JSON.stringify(manifest, null, 2)}\n`) },
  ];
  if (quality) {
    // Dated with the pack's clock, like every entry, so the same versions give the same bytes.
    const report = { ...quality, computedAt: generatedAt };
    entries.push({
      name: `${slug}/${QUALITY_PATH}`,
      bytes: utf8.encode(`${JSON.stringify(report, null, 2)}\n`),
    });
  }
  const archive = await runTextWork("zipArchive", { entries, dateMs: date.getTime() });
  return {
    archive,
    manifest,
    sha256: sha256Of(archive),
    sizeBytes: archive.byteLength,
    fileName: `${slug}.zip`,
  };
}
