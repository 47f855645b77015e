import type { QualityFinding } from "@jeex/contracts/quality";
import { describe, expect, it } from "vitest";
import { checkPack } from "../../src/quality/check-pack.ts";
import type { PackFile } from "../../src/quality/pack-file.ts";
import { templatePack, withContent } from "./template-pack.ts";

const good = templatePack();
const pathOf = (prefix: string) => {
  const file = good.find((candidate) => candidate.path.startsWith(prefix));
  if (!file) throw new Error(`no ${prefix} in the template pack`);
  return file.path;
};
const codesOf = async (pack: PackFile[]) =>
  (await checkPack(pack)).findings.map(({ code, severity, path }) => ({ code, severity, path }));
/** The 1-based line of `path` in `pack` where `needle` first stands (0 where it does not). */
const lineIn = (pack: PackFile[], path: string, needle: string) =>
  (pack.find((file) => file.path === path)?.content ?? "")
    .split("\n")
    .findIndex((line) => line.includes(needle)) + 1;
/** The template pack with the lines of `path` that `drop` picks taken out. */
const withoutLines = (path: string, drop: (line: string) => boolean) =>
  withContent(good, path, (content) =>
    content
      .split("\n")
      .filter((line) => !drop(line))
      .join("\n"),
  );
const only = async (pack: PackFile[], code: string): Promise<QualityFinding[]> =>
  (await checkPack(pack)).findings.filter((finding) => finding.code === code);

describe("traceability", () => {
  it("an in-scope item no epic covers is an error on its line of about.md", async () => {
    const pack = withContent(good, "docs/about.md", (content) =>
      content.replace("### Out of scope", "- Print labels for every shelf\n\n### Out of scope"),
    );
    const [finding] = await only(pack, "scope-item-uncovered");
    expect(finding).toMatchObject({
      severity: "error",
      path: "docs/about.md",
      version: 2,
      line: lineIn(pack, "docs/about.md", "Print labels"),
    });
    expect(await only(good, "scope-item-uncovered")).toEqual([]);
  });

  it("an epic the overview does not list is an error", async () => {
    const epic = pathOf("docs/plans/03-");
    const name = epic.slice("docs/plans/".length);
    const pack = withoutLines("docs/plans/overview.md", (line) => line.includes(`(${name})`));
    expect(await only(pack, "epic-not-in-overview")).toMatchObject([{ path: epic, severity: "error" }]);
  });

  it("a gate the plans rely on that the specs do not define is an error", async () => {
    const pack = withoutLines("docs/specs.md", (line) => line.startsWith("| Load test"));
    const [finding] = await only(pack, "quality-gate-undefined");
    expect(finding).toMatchObject({ severity: "error", path: pathOf("docs/plans/08-testing") });
    expect(finding?.message).toContain("load test");
  });

  it("specs without a quality gates table are an error once the plans exist", async () => {
    const pack = withContent(good, "docs/specs.md", (content) =>
      content.replace("## Quality gates", "## Gates?"),
    );
    expect(await only(pack, "quality-gates-missing")).toHaveLength(1);
  });

  it("before the plan step has run, traceability says so instead of reporting gaps", async () => {
    const early = good.filter((file) => file.step === "about" || file.step === "architecture");
    expect(await codesOf(early)).toEqual([
      { code: "plan-not-written", severity: "info", path: "docs/plans/overview.md" },
    ]);
  });
});

describe("decisions", () => {
  const adr = pathOf("docs/adr/ADR-002");

  it("an ADR the architecture does not reference is an error; it links back, so it is no orphan", async () => {
    const pack = withoutLines("docs/architecture.md", (line) => line.includes("ADR-002"));
    expect(await codesOf(pack)).toEqual([{ code: "adr-not-in-architecture", severity: "error", path: adr }]);
  });

  it("an ADR without a link to the architecture is an orphan (warning)", async () => {
    const pack = withContent(good, adr, (content) =>
      content.replace("[Architecture](../architecture.md)", "Architecture"),
    );
    expect(await codesOf(pack)).toEqual([{ code: "adr-orphan", severity: "warning", path: adr }]);
  });

  it("a renumbered title and a duplicate id are errors; a cited id without an ADR is an error", async () => {
    const renumbered = withContent(good, adr, (content) => content.replace("# ADR-002:", "# ADR-003:"));
    expect(await only(renumbered, "adr-id-unstable")).toMatchObject([{ path: adr, line: 1 }]);

    const copy = good.find((file) => file.path === adr) as PackFile;
    const duplicated = [...good, { ...copy, path: "docs/adr/ADR-002-a-copy.md" }];
    expect(await only(duplicated, "adr-id-duplicate")).toHaveLength(1);

    const cited = withContent(good, "docs/architecture.md", (content) => `${content}\nSee ADR-042.\n`);
    expect(await only(cited, "adr-missing")).toMatchObject([
      { path: "docs/architecture.md", line: lineIn(cited, "docs/architecture.md", "ADR-042") },
    ]);
  });
});

describe("diagrams", () => {
  it("a diagram Mermaid cannot parse is an error at the line the parser names", async () => {
    const pack = withContent(good, "docs/plans/overview.md", (content) =>
      content.replace("  e1 --> e2", "  e1 --> ]]] e2("),
    );
    const [finding] = await only(pack, "mermaid-invalid");
    expect(finding).toMatchObject({ severity: "error", line: lineIn(pack, "docs/plans/overview.md", "]]]") });
    expect(finding?.message).toMatch(/error/i);
  }, 60_000);

  it("an unknown diagram type is an error; a well-formed one of another type passes", async () => {
    const unknown = withContent(
      good,
      "docs/specs.md",
      (content) => `${content}\n\`\`\`mermaid\nflowchartz LR\n  a --> b\n\`\`\`\n`,
    );
    expect(await only(unknown, "mermaid-invalid")).toHaveLength(1);
    const sequence = withContent(
      good,
      "docs/specs.md",
      (content) => `${content}\n\`\`\`mermaid\nsequenceDiagram\n  A->>B: hi\n\`\`\`\n`,
    );
    expect(await only(sequence, "mermaid-invalid")).toEqual([]);
  }, 60_000);
});

describe("links", () => {
  it("a relative link to a missing document is an error on its line; external links and anchors are not checked", async () => {
    const pack = withContent(
      good,
      "docs/specs.md",
      (content) =>
        `${content}\n[gone](plans/99-gone.md) [web](https://example.com/x.md) [here](#quality-gates) \`[code](nowhere.md)\`\n`,
    );
    expect(await only(pack, "link-broken")).toMatchObject([
      { path: "docs/specs.md", line: lineIn(pack, "docs/specs.md", "99-gone"), severity: "error" },
    ]);
  });
});

describe("freshness", () => {
  it("a stale document is a warning, one that needs review an error", async () => {
    const pack = good.map((file) =>
      file.path === "docs/specs.md"
        ? { ...file, stale: true }
        : file.path === "docs/about.md"
          ? { ...file, needsReview: true }
          : file,
    );
    expect(await codesOf(pack)).toEqual([
      { code: "document-needs-review", severity: "error", path: "docs/about.md" },
      { code: "document-stale", severity: "warning", path: "docs/specs.md" },
    ]);
  });
});

it("the template pack itself has no findings at all", async () => {
  expect(await codesOf(good)).toEqual([]);
});
