import { sectionsOf } from "./markdown-sections.ts";
import { sectionRuns } from "./section-runs.ts";
import { insidePair } from "./surrogate-pairs.ts";

/** A piece of a document small enough to embed well, with the headings it sits under. */
export interface MarkdownChunk {
  /**
   * Heading path, outermost first, joined with " > " (empty before the first heading); a chunk of
   * several short sections adds their titles, joined with " · ".
   */
  heading: string;
  text: string;
}

export interface ChunkingOptions {
  /** Longest chunk text in characters; longer sections are split. */
  maxChars: number;
  /** Characters a split section's next chunk repeats from the end of the previous one. */
  overlapChars: number;
  /**
   * Characters of the document a chunk spans before it stops taking in the sections after it
   * (while they fit in `maxChars`): the chunk count is then bounded by the document's length,
   * not by its number of headings. 0 gives every section its own chunks.
   */
  minChars: number;
}

// About 200–300 tokens: specific enough for a focused match, long enough to carry context.
// A 500 KB document of `# a\nx` sections made one chunk per heading (60,887 in the test, 94 MB of
// vectors); with 500 (about 120 tokens, still one passage) it makes 977 (500 KB of prose: 516).
export const defaultChunking: ChunkingOptions = { maxChars: 1200, overlapChars: 200, minChars: 500 };

/**
 * Splits Markdown at its headings (ATX `#` headings outside fenced code): each chunk keeps the path
 * of headings above it. A section shorter than `minChars` takes in the sections after it (their
 * heading lines stay in its text); sections longer than `maxChars` are cut at paragraph, line,
 * sentence or word boundaries, each piece repeating the tail of the one before.
 */
export function chunkMarkdown(markdown: string, options: ChunkingOptions = defaultChunking): MarkdownChunk[] {
  if (options.overlapChars >= options.maxChars) throw new Error("overlapChars must be smaller than maxChars");
  const chunks: MarkdownChunk[] = [];
  for (const run of sectionRuns(sectionsOf(markdown), options)) {
    for (const text of splitWithOverlap(run.text, options)) chunks.push({ heading: run.heading, text });
  }
  return chunks;
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
  // One unbroken run of characters: cut it where the window ends, but not inside a surrogate pair.
  return insidePair(text, end) ? end - 1 : end;
}

/** The next piece begins `overlapChars` before the cut, moved forward to the start of a word. */
function overlapStart(text: string, start: number, end: number, overlapChars: number): number {
  let next = Math.max(end - overlapChars, start + 1);
  if (next > 0 && !/\s/.test(text[next - 1] as string)) {
    const space = text.slice(next, end).search(/\s/);
    if (space >= 0) next += space + 1;
  }
  // Forward out of a pair: back could reach `start` again. The cut is never inside one, so ≤ end.
  return insidePair(text, next) ? next + 1 : Math.min(next, end);
}
