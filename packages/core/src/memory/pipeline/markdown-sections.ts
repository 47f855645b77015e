import { atxHeading } from "../../text-work/markdown-scan.ts";
import { insidePair } from "./surrogate-pairs.ts";

/** A heading and the lines up to the next heading (fenced code never holds a heading). */
export interface MarkdownSection {
  /** Heading path, outermost first, titles cut to `longestPathTitle`. */
  headings: string[];
  /** The heading line as written; undefined for the text before the first heading. */
  headingLine: string | undefined;
  /** False when the path shows the heading cut short: its line then opens the section's text. */
  pathHoldsHeading: boolean;
  lines: string[];
}

/**
 * Longest heading title kept in a heading path: the path is stored and embedded with every chunk
 * of its section, so a 250 KB heading was copied into each of them (63 MB for one document).
 */
export const longestPathTitle = 120;

const fenceLine = /^[ \t]{0,3}(`{3,}|~{3,})/;

/** Splits Markdown at its ATX `#` headings outside fenced code; the first section has no heading. */
export function sectionsOf(markdown: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  const path: { level: number; title: string }[] = [];
  let current: MarkdownSection = { headings: [], headingLine: undefined, pathHoldsHeading: true, lines: [] };
  let fence: string | undefined;
  for (const line of markdown.split("\n")) {
    const fenceMatch = fenceLine.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] as string;
      if (!fence) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    }
    const heading = fence || fenceMatch ? null : atxHeading(line);
    if (!heading) {
      current.lines.push(line);
      continue;
    }
    sections.push(current);
    const { level } = heading;
    const title = pathTitle(heading.text);
    while (path.length && (path.at(-1)?.level ?? 0) >= level) path.pop();
    path.push({ level, title });
    current = {
      headings: path.map((entry) => entry.title),
      headingLine: line,
      pathHoldsHeading: title === heading.text,
      lines: [],
    };
  }
  sections.push(current);
  return sections;
}

/** A heading title as the path shows it: cut short past `longestPathTitle`, never inside a pair. */
function pathTitle(title: string): string {
  if (title.length <= longestPathTitle) return title;
  let end = longestPathTitle - 1;
  if (insidePair(title, end)) end--;
  return `${title.slice(0, end).trimEnd()}…`;
}
