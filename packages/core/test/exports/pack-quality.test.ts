import { qualityReportSchema } from "@jeex/contracts/quality";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { buildPack } from "../../src/exports/build-pack.ts";
import type { PackQuality } from "../../src/exports/pack-quality.ts";
import { project, templatePack } from "./fixtures.ts";

const root = "crumb-bakery-stock-waste";

async function textFiles(archive: Uint8Array) {
  const zip = await JSZip.loadAsync(archive);
  const files = new Map<string, string>();
  for (const entry of Object.values(zip.files))
    if (!entry.dir) files.set(entry.name, await entry.async("string"));
  return files;
}

const quality: PackQuality = {
  versionIds: ["0190a0a0-0000-7000-8000-000000000001"],
  counts: { errors: 1, warnings: 1, infos: 0 },
  findings: [
    {
      check: "links",
      code: "link-broken",
      severity: "error",
      path: "docs/specs.md",
      version: 3,
      line: 12,
      message: 'Link to "runbook.md" does not resolve | to a document of the pack.',
    },
    {
      check: "freshness",
      code: "document-stale",
      severity: "warning",
      path: "docs/plans/overview.md",
      version: 1,
      line: null,
      message: "written before an upstream change",
    },
  ],
  checksVersion: "1",
};

describe("the pack's quality report", () => {
  it("is quality.json beside the manifest, dated with the pack's clock, and a README section", async () => {
    const pack = await buildPack(project, templatePack(), quality);
    const files = await textFiles(pack.archive);
    const stored = qualityReportSchema.parse(JSON.parse(files.get(`${root}/quality.json`) ?? ""));
    expect(stored).toEqual({ ...quality, computedAt: pack.manifest.generatedAt });
    expect(pack.manifest.files.map((file) => file.path)).not.toContain("quality.json");

    const readme = files.get(`${root}/README.md`) ?? "";
    expect(readme).toContain("## Quality report");
    expect(readme).toContain("1 errors, 1 warnings, 0 notes");
    // A finding names where it is; a pipe in its message cannot break the table row.
    expect(readme).toContain("| error | docs/specs.md:12 (v3) | links (`link-broken`) |");
    expect(readme).toContain("does not resolve \\| to a document");
    expect(readme).toContain("| warning | docs/plans/overview.md (v1) |");
  });

  it("a clean report says so, and the same versions and report build the same bytes", async () => {
    const clean = { ...quality, counts: { errors: 0, warnings: 0, infos: 0 }, findings: [] };
    const documents = templatePack();
    const first = await buildPack(project, documents, clean);
    const second = await buildPack(project, documents, clean);
    expect(second.sha256).toBe(first.sha256);
    expect((await textFiles(first.archive)).get(`${root}/README.md`)).toContain("No findings.");
  });

  it("a pack built without a report has no quality.json", async () => {
    const files = await textFiles((await buildPack(project, templatePack())).archive);
    expect(files.has(`${root}/quality.json`)).toBe(false);
  });
});
