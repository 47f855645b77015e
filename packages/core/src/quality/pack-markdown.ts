import { atxHeading } from "../text-work/markdown-scan.ts";

/**
 * Line-aware reading of a pack document for the quality checks: every finding names a line, so
 * everything here keeps the 1-based line number it was read from. Fenced code is skipped except
 * for Mermaid blocks, which the diagram check parses.
 */

export interface NumberedLine {
  line: number;
  text: string;
}

export interface MarkdownLink extends NumberedLine {
  /** The link target as written, `#anchor` included. */
  target: string;
}

export interface MermaidBlock {
  /** Line of the opening fence. */
  line: number;
  source: string;
}

export interface Heading extends NumberedLine {
  level: number;
}

export interface ReadDocument {
  /** Lines outside fenced code. */
  prose: NumberedLine[];
  headings: Heading[];
  links: MarkdownLink[];
  mermaid: MermaidBlock[];
}

const fenceOf = (text: string): string | null => {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("```")) return "```";
  if (trimmed.startsWith("~~~")) return "~~~";
  return null;
};

export function readDocument(content: string): ReadDocument {
  const read: ReadDocument = { prose: [], headings: [], links: [], mermaid: [] };
  const lines = content.split("\n");
  let fence: { mark: string; line: number; mermaid: boolean; body: string[] } | null = null;
  for (const [index, raw] of lines.entries()) {
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const line = index + 1;
    const mark = fenceOf(text);
    if (fence) {
      if (mark === fence.mark && text.trim() === mark) {
        if (fence.mermaid) read.mermaid.push({ line: fence.line, source: fence.body.join("\n") });
        fence = null;
      } else fence.body.push(text);
      continue;
    }
    if (mark) {
      const info = text.trim().slice(mark.length).trim().toLowerCase();
      fence = { mark, line, mermaid: info === "mermaid", body: [] };
      continue;
    }
    read.prose.push({ line, text });
    const heading = atxHeading(text);
    if (heading) read.headings.push({ line, text: heading.text, level: heading.level });
    for (const target of linkTargets(text)) read.links.push({ line, text, target });
  }
  return read;
}

/**
 * Targets of the inline links and images of one line, `[label](target)`, outside code spans.
 * One pass, each character read a bounded number of times (no backtracking regex).
 */
export function linkTargets(text: string): string[] {
  const targets: string[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text.charAt(at);
    if (char === "`") {
      const close = text.indexOf("`", at + 1);
      if (close < 0) break;
      at = close + 1;
      continue;
    }
    if (char === "]" && text.charAt(at + 1) === "(") {
      const end = text.indexOf(")", at + 2);
      if (end < 0) break;
      const target = text.slice(at + 2, end).trim();
      // `[x](target "title")`: the title is not part of the target.
      const space = target.indexOf(" ");
      targets.push(space < 0 ? target : target.slice(0, space));
      at = end + 1;
      continue;
    }
    at++;
  }
  return targets;
}

/** Lines of the section under the first heading named `name` (sub-sections included). */
export function sectionOf(read: ReadDocument, name: string): NumberedLine[] {
  const start = read.headings.findIndex((heading) => plainHeading(heading.text) === name.toLowerCase());
  const heading = read.headings[start];
  if (!heading) return [];
  const next = read.headings.slice(start + 1).find((other) => other.level <= heading.level);
  const end = next?.line ?? Number.POSITIVE_INFINITY;
  return read.prose.filter((line) => line.line > heading.line && line.line < end);
}

const plainHeading = (text: string) => text.replaceAll("*", "").trim().toLowerCase();

/** List items (`- x`, `1. x`, `- [ ] x`) of some lines, their marker removed. */
export function listItems(lines: NumberedLine[]): NumberedLine[] {
  return lines.flatMap(({ line, text }) => {
    const marker = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/.exec(text);
    const item = marker ? text.slice(marker[0].length).trim() : "";
    return item ? [{ line, text: item }] : [];
  });
}

/** Lower-case words of at least three letters or digits, for loose text matching. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3);
}
