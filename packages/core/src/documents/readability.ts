/// <reference path="../types/text-readability.d.ts" />
import readability from "text-readability";
import { replaceAngleTags, replaceLinksWithLabels, stripPairedMarks } from "../text-work/markdown-scan.ts";

/** Readability scores stored with every document version. */
export interface ReadabilityScores {
  /** Flesch reading ease: higher is easier; 60–70 is plain English, below 30 is very hard. */
  fleschReadingEase: number;
  /** Flesch–Kincaid grade level: years of schooling needed to follow the text. */
  gradeLevel: number;
  wordCount: number;
}

/**
 * Markdown to the prose a reader reads: code and Mermaid fences, HTML, URLs, table pipes and
 * heading or list markers would otherwise count as words and sentences and skew the scores.
 * Block-level lines (headings, list items, table rows) end with a period so each counts as a
 * sentence of its own instead of merging into the next.
 */
export function markdownToProse(markdown: string): string {
  const lines: string[] = [];
  let fence: string | null = null;
  for (const raw of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const opening = /^\s*(`{3,}|~{3,})/.exec(raw)?.[1];
    if (opening) {
      if (!fence) fence = opening;
      else if (opening.startsWith(fence)) fence = null;
      continue;
    }
    if (fence) continue;
    const trimmed = raw.trim();
    if (!trimmed || /^\|?\s*:?-{3,}/.test(trimmed) || /^([-*_]\s*){3,}$/.test(trimmed)) {
      lines.push("");
      continue;
    }
    const isBlock = /^(#{1,6}\s|[-*+]\s|\d+[.)]\s|\|)/.test(trimmed);
    const unpiped = trimmed.startsWith("|")
      ? trimmed
          .split(/(?<!\\)\|/)
          .map((cell) => cell.trim())
          .filter(Boolean)
          .join(". ")
      : trimmed;
    const unmarked = unpiped
      .replace(/^#{1,6}\s+/, "")
      .replace(/^>\s?/, "")
      .replace(/^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, "");
    const text = stripPairedMarks(
      replaceLinksWithLabels(replaceAngleTags(unmarked, " "))
        .replace(/https?:\/\/\S+/g, " ")
        .replace(/`([^`]*)`/g, "$1"),
      ["**", "__", "*"],
    )
      .replace(/\s+/g, " ")
      .trim();
    if (!text) continue;
    lines.push(isBlock && !/[.!?:]$/.test(text) ? `${text}.` : text);
  }
  return lines
    .join("\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Number.isFinite(value) ? Math.round(value * factor) / factor : 0;
};

/** Scores for a Markdown document; text without words scores zero rather than NaN. */
export function measureReadability(markdown: string): ReadabilityScores {
  const prose = markdownToProse(markdown);
  const wordCount = prose ? readability.lexiconCount(prose) : 0;
  if (wordCount === 0) return { fleschReadingEase: 0, gradeLevel: 0, wordCount: 0 };
  return {
    fleschReadingEase: round(readability.fleschReadingEase(prose), 1),
    gradeLevel: Math.max(0, round(readability.fleschKincaidGrade(prose), 1)),
    wordCount,
  };
}
