/**
 * Reads structure back out of earlier documents. Agents receive Markdown (possibly edited by a
 * person), not structured output, so drafts look up sections by heading and take their lists,
 * paragraphs and tables — and fall back gracefully when a person renamed or removed a section.
 */

import { atxHeading, replaceLinksWithLabels, stripPairedMarks } from "../../../text-work/markdown-scan.ts";

interface Section {
  heading: string;
  level: number;
  lines: string[];
}

/** Inline Markdown to plain text: links to their text, emphasis and code marks removed. */
export const plainText = (text: string): string =>
  stripPairedMarks(replaceLinksWithLabels(text), ["**", "*", "`"]).replace(/\s+/g, " ").trim();

function sections(markdown: string): Section[] {
  const found: Section[] = [];
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : atxHeading(line);
    if (heading) {
      found.push({ heading: plainText(heading.text), level: heading.level, lines: [] });
    } else {
      found.at(-1)?.lines.push(line);
    }
  }
  return found;
}

/** Lines of the first section whose heading starts with one of the names, sub-sections included. */
function sectionLines(markdown: string, names: string[]): string[] | null {
  const all = sections(markdown);
  const start = all.findIndex((section) =>
    names.some((name) => section.heading.toLowerCase().startsWith(name.toLowerCase())),
  );
  const section = all[start];
  if (!section) return null;
  const lines = [...section.lines];
  for (const next of all.slice(start + 1)) {
    if (next.level <= section.level) break;
    lines.push(...next.lines);
  }
  return lines;
}

/** List items of a section, as plain text. */
export function sectionItems(markdown: string, ...names: string[]): string[] {
  return (sectionLines(markdown, names) ?? []).flatMap((line) => {
    // The marker only: matching the rest with `(.*)$` backtracks over a long run of blanks.
    const marker = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/.exec(line);
    const item = marker ? plainText(line.slice(marker[0].length)) : "";
    return item ? [item] : [];
  });
}

/** Prose paragraphs of a section (not lists, quotes, tables or code), as plain text. */
export function sectionProse(markdown: string, ...names: string[]): string {
  const kept: string[] = [];
  let inFence = false;
  for (const line of sectionLines(markdown, names) ?? []) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || /^\s*(?:[-*+>|]|\d+[.)])/.test(line)) continue;
    kept.push(line);
  }
  return plainText(kept.join(" "));
}

/** Body rows of the first table in a section, cells as plain text. */
export function sectionTable(markdown: string, ...names: string[]): string[][] {
  const rows = (sectionLines(markdown, names) ?? [])
    .filter((line) => line.trim().startsWith("|"))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, "")
        .split(/(?<!\\)\|/)
        .map((cell) => plainText(cell.replace(/\\\|/g, "|"))),
    );
  // Drop the header row and the `---` separator row.
  return rows.slice(1).filter((cells) => !cells.every((cell) => /^:?-+:?$/.test(cell)));
}
