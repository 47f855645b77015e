import { stripTrailingBlanksPerLine } from "../../text-work/markdown-scan.ts";

const invisibleCharacters = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Markdown in one canonical form before chunking, so equal content hashes and embeds equally:
 * NFC, `\n` line ends, no zero-width characters, no trailing spaces, at most one blank line.
 */
export function normalizeMarkdown(markdown: string): string {
  const unified = markdown.normalize("NFC").replace(/\r\n?/g, "\n").replace(invisibleCharacters, "");
  return stripTrailingBlanksPerLine(unified)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The comparison form for duplicate detection: case and spacing do not make a chunk new. */
export const duplicateKey = (text: string): string => text.toLowerCase().replace(/\s+/g, " ").trim();
