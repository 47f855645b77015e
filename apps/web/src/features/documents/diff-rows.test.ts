import { createTwoFilesPatch } from "diff";
import { describe, expect, it } from "vitest";
import { diffRows, diffStats, diffTexts } from "./diff-rows.ts";

describe("diffRows: a unified diff as numbered rows", () => {
  it("numbers context, added and removed lines from each hunk's start, as the server writes them", () => {
    const before = [
      "# About",
      "",
      "Dogs need walks.",
      "Owners are busy.",
      "",
      "## Scope",
      "Walks only.",
    ].join("\n");
    const after = [
      "# About",
      "",
      "Dogs need walks.",
      "Owners work long hours.",
      "",
      "## Scope",
      "Walks only.",
    ].join("\n");
    const unified = createTwoFilesPatch("docs/about.md@v1", "docs/about.md@v2", before, after);

    const rows = diffRows(unified);

    expect(rows[0]).toEqual({ kind: "hunk", header: "@@ -1,7 +1,7 @@" });
    expect(rows.filter((row) => row.kind === "removed")).toEqual([
      { kind: "removed", oldLine: 4, text: "Owners are busy." },
    ]);
    expect(rows.filter((row) => row.kind === "added")).toEqual([
      { kind: "added", newLine: 4, text: "Owners work long hours." },
    ]);
    expect(rows.at(-1)).toEqual({ kind: "context", oldLine: 7, newLine: 7, text: "Walks only." });
  });

  it("keeps separate hunks apart and lines after an insertion shifted", () => {
    const lines = Array.from({ length: 30 }, (_, index) => `line ${index + 1}`);
    const after = [...lines];
    after.splice(1, 0, "inserted near the top");
    after[28] = "changed near the end";
    const rows = diffRows(createTwoFilesPatch("a", "b", `${lines.join("\n")}\n`, `${after.join("\n")}\n`));

    expect(rows.filter((row) => row.kind === "hunk")).toHaveLength(2);
    expect(rows.find((row) => row.kind === "added")).toEqual({
      kind: "added",
      newLine: 2,
      text: "inserted near the top",
    });
    // Old line 28 is new line 29: one line was inserted above it.
    expect(rows.find((row) => row.kind === "removed")).toEqual({
      kind: "removed",
      oldLine: 28,
      text: "line 28",
    });
    expect(rows.filter((row) => row.kind === "added").at(-1)).toEqual({
      kind: "added",
      newLine: 29,
      text: "changed near the end",
    });
  });

  it("drops the 'No newline at end of file' markers and counts additions and deletions", () => {
    const rows = diffTexts("theirs", "one\ntwo", "mine", "one\nthree");
    expect(rows.some((row) => row.kind !== "hunk" && row.text.includes("No newline"))).toBe(false);
    expect(diffStats(rows)).toEqual({ additions: 1, deletions: 1 });
  });

  it("no change is no rows, and an empty string is no rows", () => {
    expect(diffTexts("a", "same\n", "b", "same\n")).toEqual([]);
    expect(diffRows("")).toEqual([]);
  });
});
