import { describe, expect, it } from "vitest";
import { type DocumentItem, fileName, groupDocuments, groupOf } from "./document-tree.ts";

const doc = (path: string, overrides: Partial<DocumentItem> = {}): DocumentItem => ({
  id: `id-${path}`,
  projectId: "p",
  step: "about",
  kind: "doc",
  path,
  title: path,
  versionId: "v",
  version: 1,
  source: "agent",
  scores: { fleschReadingEase: 50, gradeLevel: 10, wordCount: 100 },
  stale: false,
  needsReview: false,
  updatedAt: "2026-12-01T10:00:00.000Z",
  ...overrides,
});

describe("the pack as a tree", () => {
  it("groups by path in the order the steps run: about, architecture, ADRs, plans, specs", () => {
    const groups = groupDocuments([
      doc("docs/specs.md"),
      doc("docs/plans/02-authentication.md"),
      doc("docs/adr/ADR-002-queue.md"),
      doc("docs/about.md"),
      doc("docs/plans/overview.md"),
      doc("docs/architecture.md"),
      doc("docs/adr/ADR-001-database.md"),
      doc("docs/plans/01-infrastructure.md"),
    ]);
    expect(groups.map((group) => [group.id, group.documents.map((d) => d.path)])).toEqual([
      ["about", ["docs/about.md"]],
      ["architecture", ["docs/architecture.md"]],
      ["adr", ["docs/adr/ADR-001-database.md", "docs/adr/ADR-002-queue.md"]],
      // The overview leads, then the epics by number.
      [
        "plans",
        ["docs/plans/overview.md", "docs/plans/01-infrastructure.md", "docs/plans/02-authentication.md"],
      ],
      ["specs", ["docs/specs.md"]],
    ]);
  });

  it("leaves empty groups out and puts unknown paths under Other", () => {
    const groups = groupDocuments([doc("docs/about.md"), doc("notes/extra.md")]);
    expect(groups.map((group) => group.label)).toEqual(["About", "Other"]);
    expect(groupOf("docs/adrs.md")).toBe("other");
    expect(groupDocuments([])).toEqual([]);
  });

  it("keeps each document's stale flag for the badge", () => {
    const [group] = groupDocuments([doc("docs/architecture.md", { stale: true })]);
    expect(group?.documents[0]?.stale).toBe(true);
  });

  it("names a file by its last path segment", () => {
    expect(fileName("docs/adr/ADR-001-database.md")).toBe("ADR-001-database.md");
    expect(fileName("README.md")).toBe("README.md");
  });
});
