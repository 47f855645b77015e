/**
 * Small, deterministic text analysis for offline drafting: sentences, key phrases and keyword
 * matches. Heuristics for English prose; good enough to ground a template in the person's words.
 */

import { stripTrailing } from "../../../text-work/markdown-scan.ts";

const stopwords = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being " +
    "below between both but by can could did do does doing down during each either etc even every few " +
    "for from further get gets had has have having he her here hers him his how i if in into is it its " +
    "itself just let lets like may me might more most must my need needs no nor not now of off on once " +
    "one only or other our ours out over own per please really same she should so some such than that " +
    "the their theirs them then there these they this those through to too under until up upon us use " +
    "used using very via want wants was we well were what when where whether which while who whom why " +
    "will with within without would yet you your yours app application platform tool system service " +
    "simple easy way ways thing things lot lots want wants help helps allow allows make makes"
  ).split(" "),
);

/** Whitespace-normalised sentences; list items and lines count as sentences of their own. */
export function splitSentences(text: string): string[] {
  return (
    text
      .split(/\n+/)
      // Blanks folded first: splitting at `\s+` between lookarounds is quadratic on a long run.
      .map((lineText) =>
        lineText
          .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "")
          .replace(/\s+/g, " ")
          .trim(),
      )
      .flatMap((lineText) => lineText.split(/(?<=[.!?]) (?=[A-Z0-9"'(])/))
      .map((sentence) => sentence.trim())
      .filter((sentence) => /[A-Za-z]/.test(sentence))
  );
}

const wordPattern = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Lowercase word tokens (letters, digits, inner apostrophes and dashes). */
export function words(text: string): string[] {
  return text.toLowerCase().match(wordPattern) ?? [];
}

export const isStopword = (word: string): boolean => stopwords.has(word);

/** Words that carry meaning, for overlap scoring. */
export const contentWords = (text: string): string[] =>
  words(text).filter((word) => !stopwords.has(word) && word.length > 2);

/**
 * Key phrases by RAKE (rapid automatic keyword extraction): runs of non-stopwords between
 * stopwords and punctuation, scored by word degree over frequency. Ties keep first-seen order,
 * so the same text always yields the same phrases. Scored in lowercase, each phrase is returned
 * as the person first wrote it: "React Native" and "QR" are names, not "react native" and "qr".
 */
export function keyPhrases(text: string, limit: number): string[] {
  const candidates: string[][] = [];
  const written = new Map<string, string>();
  for (const fragment of text.split(/[.,;:!?()[\]{}"“”\n]|\s[-–—]\s/)) {
    let run: string[] = [];
    let runWritten: string[] = [];
    const endRun = () => {
      if (!run.length) return;
      candidates.push(run);
      const key = run.join(" ");
      if (!written.has(key)) written.set(key, runWritten.join(" "));
      run = [];
      runWritten = [];
    };
    for (const token of fragment.match(wordPattern) ?? []) {
      const word = token.toLowerCase();
      if (stopwords.has(word) || /^\d+$/.test(word)) {
        endRun();
      } else {
        run.push(word);
        runWritten.push(token);
      }
    }
    endRun();
  }
  const frequency = new Map<string, number>();
  const degree = new Map<string, number>();
  for (const phrase of candidates) {
    for (const word of phrase) {
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
      degree.set(word, (degree.get(word) ?? 0) + phrase.length);
    }
  }
  const scored = new Map<string, { score: number; order: number }>();
  candidates.forEach((phrase, order) => {
    // Long runs are usually whole clauses, not phrases.
    if (phrase.length > 4) return;
    const key = phrase.join(" ");
    if (key.length < 3 || scored.has(key)) return;
    const score = phrase.reduce((sum, word) => sum + (degree.get(word) ?? 0) / (frequency.get(word) ?? 1), 0);
    scored.set(key, { score, order });
  });
  return [...scored.entries()]
    .sort(([, a], [, b]) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map(([phrase]) => written.get(phrase) ?? phrase);
}

/** Whole-word (or whole-phrase) occurrence, case-insensitive; dashes and spaces are interchangeable. */
export function mentions(text: string, term: string): boolean {
  return indexOfTerm(text, term) >= 0;
}

const isWordChar = (char: string): boolean => /^[\p{L}\p{N}]/u.test(char);
const isSeparator = (char: string): boolean => char === "-" || /\s/.test(char);
/** The code point that ends just before `at` (two UTF-16 units for a surrogate pair). */
function codePointBefore(text: string, at: number): string {
  const low = text.charCodeAt(at - 1);
  const isPair = low >= 0xdc00 && low <= 0xdfff && at >= 2 && text.charCodeAt(at - 2) >= 0xd800;
  return text.slice(isPair ? at - 2 : at - 1, at);
}

/**
 * Position of a whole-word term in the text, or -1; runs of blanks and dashes in the term match
 * any run of them in the text. A string scan: a pattern built from the term would be written by
 * whoever wrote the term (a person's edited table cell), and could backtrack.
 */
export function indexOfTerm(text: string, term: string): number {
  return nextMatch(text.toLowerCase(), termParts(term), 0)?.at ?? -1;
}

/** Every whole-word mention of the term, as `indexOfTerm` finds the first, in one pass. */
export function termMatches(text: string, term: string): { at: number; end: number }[] {
  const lower = text.toLowerCase();
  const parts = termParts(term);
  const matches: { at: number; end: number }[] = [];
  for (let match = nextMatch(lower, parts, 0); match; match = nextMatch(lower, parts, match.at + 1)) {
    matches.push(match);
  }
  return matches;
}

const termParts = (term: string): string[] =>
  term
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);

/** The first whole-word match of the term's parts in lowercase text, from `from` on. */
function nextMatch(lower: string, parts: string[], from: number): { at: number; end: number } | null {
  const [first] = parts;
  if (!first) return null;
  for (let at = lower.indexOf(first, from); at >= 0; at = lower.indexOf(first, at + 1)) {
    if (at > 0 && isWordChar(codePointBefore(lower, at))) continue;
    let end = at + first.length;
    for (const part of parts.slice(1)) {
      let next = end;
      while (next < lower.length && isSeparator(lower.charAt(next))) next++;
      end = next > end && lower.startsWith(part, next) ? next + part.length : -1;
      if (end < 0) break;
    }
    if (end >= 0 && !isWordChar(lower.slice(end, end + 2))) return { at, end };
  }
  return null;
}

/** The terms the text mentions, in the order given. */
export const mentionedTerms = (text: string, terms: readonly string[]): string[] =>
  terms.filter((term) => mentions(text, term));

/** Cut at a word boundary, marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const atSpace = cut.lastIndexOf(" ");
  const kept = atSpace > max / 2 ? cut.slice(0, atSpace) : cut;
  return `${stripTrailing(kept, (char) => /[\s,;:.-]/.test(char))}…`;
}

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const closesQuote = (char: string): boolean => "\"')]”’»".includes(char);
const endsSentence = (char: string): boolean => ".!?…".includes(char);

/** Marks that lead into more text ("for flatmates:" before a list); a full stop replaces them. */
const leadsOn = (char: string): boolean => ":;,-–—".includes(char) || /\s/.test(char);

/**
 * The text as a sentence of its own: trimmed, ending in a full stop unless it already ends in
 * one (or ! ? …, before any closing quotes). A person's summary often has none ("A booking app
 * for dog walkers"), and the next sentence must not run on from it; a line that led into a list
 * ("for flatmates:") ends there too, not in ":.".
 */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return "";
  if (endsSentence(stripTrailing(trimmed, closesQuote).slice(-1))) return trimmed;
  const ended = stripTrailing(trimmed, leadsOn);
  return ended ? `${ended}.` : "";
}

/**
 * A sentence as a list item: capitalised (people type "i want …" and "- assign chores …"), and
 * without the full stop or the colon that led into a list.
 */
export const asItem = (text: string): string =>
  capitalise(stripTrailing(text.trim(), (char) => ".!".includes(char) || leadsOn(char)));

/**
 * A phrase for the middle of a sentence, as the person wrote it: a segment capitalised for a
 * heading ("Dog walkers") reads "dog walkers" when the person typed it so; a name they
 * capitalised themselves ("London commuters") stays.
 */
export function asWrittenIn(phrase: string, personText: string): string {
  const lowered = phrase.charAt(0).toLowerCase() + phrase.slice(1);
  return lowered !== phrase && personText.includes(lowered) ? lowered : phrase;
}

/** Items as a list inside a sentence: "A, B and C". */
export function listInProse(items: readonly string[]): string {
  const last = items.at(-1) ?? "";
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${last}` : last;
}

/** Sentences (or fragments that should be ones) joined into one paragraph; blanks are dropped. */
export const joinSentences = (parts: readonly string[]): string =>
  parts.map(asSentence).filter(Boolean).join(" ");

/** Sentences whose words include any of the cue words. */
export const sentencesWith = (sentences: string[], cues: readonly string[]): string[] =>
  sentences.filter((sentence) => cues.some((cue) => mentions(sentence, cue)));

/** First occurrence wins; comparison ignores case and surrounding space. */
export function unique(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.trim().toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
