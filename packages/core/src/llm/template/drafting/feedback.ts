import { stripTrailing } from "../../../text-work/markdown-scan.ts";
import { splitSentences, truncate, unique } from "./text.ts";

/**
 * Reviewer feedback as separate directives: one per line or sentence, list markers removed. Each
 * is cut to a length the drafts' fields can hold (a 4,000-character "use …" broke the schema).
 */
export const feedbackLines = (feedback: string | undefined): string[] =>
  unique(splitSentences(feedback ?? "").map((line) => truncate(stripTrailing(line, ".!"), 400)));

/** A "use X, not Y" style directive. `rejected` is null when nothing was named to replace. */
export interface Preference {
  preferred: string;
  rejected: string | null;
  line: string;
}

/**
 * "cue X separator Y": the cue starts the first term, the first separator after it ends the term.
 * Found as two bounded matches and slices, not as `cue\s+(.+?)\s+sep\s+(.+)$`: a lazy group
 * between blank runs is retried from every position (quartic on a long line, measured by recheck).
 * Lines are whitespace-normalised first, so single spaces stand for blank runs.
 */
interface PreferenceForm {
  /** Where the first term starts: after the cue, or at the first word when null. */
  cue: RegExp | null;
  separator: RegExp;
  preferredAt: 1 | 2;
}

const preferenceCue = /\b(?:use|choose|pick|switch to|go with|prefer|move to) /i;
const preferenceForms: PreferenceForm[] = [
  { cue: preferenceCue, separator: /,? (?:not|instead of|rather than|over) /gi, preferredAt: 1 },
  { cue: /\breplace /i, separator: / with /gi, preferredAt: 2 },
  { cue: null, separator: / instead of /gi, preferredAt: 1 },
];

/** The two terms of a form in the line, or null; each term has at least one character. */
function termsOf(line: string, form: PreferenceForm): [string, string] | null {
  let start: number;
  if (form.cue) {
    const cue = form.cue.exec(line);
    if (!cue) return null;
    start = cue.index + cue[0].length;
  } else {
    start = line.search(/\w/);
    if (start < 0) return null;
  }
  form.separator.lastIndex = start + 1;
  const separator = form.separator.exec(line);
  if (!separator) return null;
  const first = line.slice(start, separator.index);
  const second = line.slice(separator.index + separator[0].length);
  return first && second ? [first, second] : null;
}

/** A technology or item name; names are short, so a runaway clause is cut. */
const cleanName = (text: string): string =>
  truncate(stripTrailing(text.replace(/^(?:the|a|an)\s+/i, ""), ".!;").trim(), 60);

/** Technology preferences stated in feedback, in the order given. */
export function preferences(lines: string[]): Preference[] {
  return lines.flatMap((line): Preference[] => {
    const spaced = line.replace(/\s+/g, " ").trim();
    for (const form of preferenceForms) {
      const terms = termsOf(spaced, form);
      if (terms) {
        const [preferred, rejected] = form.preferredAt === 1 ? terms : [terms[1], terms[0]];
        return [{ preferred: cleanName(preferred), rejected: cleanName(rejected), line }];
      }
    }
    const plain = preferenceCue.exec(spaced);
    const rest = plain ? spaced.slice(plain.index + plain[0].length) : "";
    return rest ? [{ preferred: cleanName(rest), rejected: null, line }] : [];
  });
}

/** "No mobile app", "drop payments", "don't use Kubernetes": something to leave out. */
export const isExclusion = (line: string): boolean =>
  /^(?:no|not|never|don't|do not|drop|remove|skip|exclude|without|avoid)\b/i.test(line) ||
  /\bout of scope\b/i.test(line);

export const isQuestion = (line: string): boolean => line.trim().endsWith("?");

/** "Add an epic for reporting" → "reporting". */
export function addition(line: string): string | null {
  // The prefix alone, on single spaces: with `\s*(.+)$` after it the optional words backtrack.
  const spaced = line.replace(/\s+/g, " ").trim();
  const prefix =
    /^(?:please )?add (?:an? )?(?:(?:new|separate) )?(?:epic|step|feature|section)? ?(?:for|about|on|:)? ?/i.exec(
      spaced,
    );
  if (!prefix) return null;
  // "add an epic": nothing after the optional words, so the last of them is the addition.
  const rest = spaced.slice(prefix[0].length) || prefix[0].trim().split(" ").at(-1) || "";
  return rest ? cleanName(rest) : null;
}
