import { atxHeading } from "../../text-work/markdown-scan.ts";

/** A piece of a document small enough to embed well, with the headings it sits under. */
export interface MarkdownChunk {
  /** Heading path, outermost first, joined with " > " (empty before the first heading). */
  heading: string;
  text: string;
}

export interface ChunkingOptions {
  /** Longest chunk text in characters; longer sections are split. */
  maxChars: number;
  /** Characters a split section's next chunk repeats from the end of the previous one. */
  overlapChars: number;
}

// About 200–300 tokens: specific enough for a focused match, long enough to carry context.
export const defaultChunking: ChunkingOptions = { maxChars: 1200, overlapChars: 200 };

const fenceLine = /^[ \t]{0,3}(`{3,}|~{3,})/;

interface Section {
  headings: string[];
  lines: string[];
}

/**
 * Splits Markdown at its headings (ATX `#` headings outside fenced code): each section's text
 * keeps the path of headings above it; sections longer than `maxChars` are cut at paragraph,
 * line, sentence or word boundaries, each piece repeating the tail of the one before.
 */
export function chunkMarkdown(markdown: string, options: ChunkingOptions = defaultChunking): MarkdownChunk[] {
  if (options.overlapChars >= options.maxChars) throw new Error("overlapChars must be smaller than maxChars");
  const chunks: MarkdownChunk[] = [];
  for (const section of sectionsOf(markdown)) {
    const body = section.lines.join("\n").trim();
    if (!body) continue; // a heading directly followed by a sub-heading: its path lives on in the children
    const heading = section.headings.join(" > ");
    for (const text of splitWithOverlap(body, options)) chunks.push({ heading, text });
  }
  return chunks;
}

function sectionsOf(markdown: string): Section[] {
  const sections: Section[] = [];
  const path: { level: number; title: string }[] = [];
  let current: Section = { headings: [], lines: [] };
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
    while (path.length && (path.at(-1)?.level ?? 0) >= level) path.pop();
    path.push({ level, title: heading.text });
    current = { headings: path.map((entry) => entry.title), lines: [] };
  }
  sections.push(current);
  return sections;
}

/** Preferred cut points, best first; each is searched for in the back half of the window. */
const boundaries = ["\n\n", "\n", ". ", "! ", "? ", "; ", ", ", " "];

function splitWithOverlap(text: string, { maxChars, overlapChars }: ChunkingOptions): string[] {
  if (text.length <= maxChars) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + maxChars);
    if (end < text.length) end = cutPoint(text, start, end, maxChars);
    const piece = text.slice(start, end).trim();
    if (piece) pieces.push(piece);
    if (end >= text.length) break;
    start = overlapStart(text, start, end, overlapChars);
  }
  return pieces;
}

function cutPoint(text: string, start: number, end: number, maxChars: number): number {
  const earliest = start + Math.floor(maxChars / 2);
  // Searched in the back half only: `text.lastIndexOf` would scan back to the start of a 500 KB
  // section for every window that lacks a boundary (quadratic: 2.5 s on one long line).
  const backHalf = text.slice(earliest, end);
  for (const boundary of boundaries) {
    const at = backHalf.lastIndexOf(boundary, backHalf.length - boundary.length);
    if (at >= 0) return earliest + at + boundary.length;
  }
  return end; // one unbroken run of characters: cut it where the window ends
}

/** The next piece begins `overlapChars` before the cut, moved forward to the start of a word. */
function overlapStart(text: string, start: number, end: number, overlapChars: number): number {
  let next = Math.max(end - overlapChars, start + 1);
  if (next > 0 && !/\s/.test(text[next - 1] as string)) {
    const space = text.slice(next, end).search(/\s/);
    if (space >= 0) next += space + 1;
  }
  return Math.min(next, end);
}
