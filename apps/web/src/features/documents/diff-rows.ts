import { createTwoFilesPatch, parsePatch } from "diff";

/** One line of a rendered diff; `hunk` rows are the `@@ … @@` separators between changed regions. */
export type DiffRow =
  | { kind: "hunk"; header: string }
  | { kind: "context"; oldLine: number; newLine: number; text: string }
  | { kind: "added"; newLine: number; text: string }
  | { kind: "removed"; oldLine: number; text: string };

/**
 * Turns a unified diff (what `documents.diff` returns) into rows with old and new line numbers.
 * Parsing is the `diff` library's (the same one the server writes with); "\ No newline at end
 * of file" markers are dropped, they are no content.
 */
export function diffRows(unified: string): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const file of parsePatch(unified)) {
    for (const hunk of file.hunks) {
      rows.push({
        kind: "hunk",
        header: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
      });
      let oldLine = hunk.oldStart;
      let newLine = hunk.newStart;
      for (const line of hunk.lines) {
        const sign = line[0];
        const text = line.slice(1);
        if (sign === "+") rows.push({ kind: "added", newLine: newLine++, text });
        else if (sign === "-") rows.push({ kind: "removed", oldLine: oldLine++, text });
        else if (sign === " ") rows.push({ kind: "context", oldLine: oldLine++, newLine: newLine++, text });
      }
    }
  }
  return rows;
}

/** A diff between two texts in the browser (their saved version against an unsaved draft). */
export function diffTexts(fromLabel: string, from: string, toLabel: string, to: string): DiffRow[] {
  return diffRows(createTwoFilesPatch(fromLabel, toLabel, from, to));
}

export function diffStats(rows: DiffRow[]) {
  let additions = 0;
  let deletions = 0;
  for (const row of rows) {
    if (row.kind === "added") additions++;
    if (row.kind === "removed") deletions++;
  }
  return { additions, deletions };
}
