import { splitSentences, unique } from "./text.ts";

/** Reviewer feedback as separate directives: one per line or sentence, list markers removed. */
export const feedbackLines = (feedback: string | undefined): string[] =>
  unique(splitSentences(feedback ?? "").map((line) => line.replace(/[.!]+$/, "")));

/** A "use X, not Y" style directive. `rejected` is null when nothing was named to replace. */
export interface Preference {
  preferred: string;
  rejected: string | null;
  line: string;
}

const preferencePatterns: { pattern: RegExp; preferredAt: 1 | 2 }[] = [
  {
    pattern:
      /\b(?:use|choose|pick|switch to|go with|prefer|move to)\s+(.+?),?\s+(?:not|instead of|rather than|over)\s+(.+)$/i,
    preferredAt: 1,
  },
  { pattern: /\breplace\s+(.+?)\s+with\s+(.+)$/i, preferredAt: 2 },
  { pattern: /\b(.+?)\s+instead of\s+(.+)$/i, preferredAt: 1 },
];
const plainPreference = /\b(?:use|choose|pick|switch to|go with|prefer|move to)\s+(.+)$/i;

const cleanName = (text: string): string =>
  text
    .replace(/^(?:the|a|an)\s+/i, "")
    .replace(/[.!;]+$/, "")
    .trim();

/** Technology preferences stated in feedback, in the order given. */
export function preferences(lines: string[]): Preference[] {
  return lines.flatMap((line): Preference[] => {
    for (const { pattern, preferredAt } of preferencePatterns) {
      const match = pattern.exec(line);
      if (match?.[1] && match[2]) {
        const [preferred, rejected] = preferredAt === 1 ? [match[1], match[2]] : [match[2], match[1]];
        return [{ preferred: cleanName(preferred), rejected: cleanName(rejected), line }];
      }
    }
    const plain = plainPreference.exec(line);
    return plain?.[1] ? [{ preferred: cleanName(plain[1]), rejected: null, line }] : [];
  });
}

/** "No mobile app", "drop payments", "don't use Kubernetes": something to leave out. */
export const isExclusion = (line: string): boolean =>
  /^(?:no|not|never|don't|do not|drop|remove|skip|exclude|without|avoid)\b/i.test(line) ||
  /\bout of scope\b/i.test(line);

export const isQuestion = (line: string): boolean => line.trim().endsWith("?");

/** "Add an epic for reporting" → "reporting". */
export function addition(line: string): string | null {
  const match =
    /^(?:please\s+)?add\s+(?:an?\s+)?(?:(?:new|separate)\s+)?(?:epic|step|feature|section)?\s*(?:for|about|on|:)?\s*(.+)$/i.exec(
      line,
    );
  return match?.[1] ? cleanName(match[1]) : null;
}
