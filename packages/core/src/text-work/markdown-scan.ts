/**
 * Linear-time scans for the Markdown shapes whose natural regular expressions backtrack: an
 * unanchored `x+$`, `<[^>]+>` or `\[…\]\(…\)` costs O(n²) on a long run without its closer
 * (measured: a 3 KB line of spaces held the event loop for 74 s). Each scan here reads every
 * character a bounded number of times.
 */

/**
 * `text` without its trailing run of the characters listed in `chars` (or accepted by it): what
 * `/[chars]+$/` removed, without trying that run from every position.
 */
export function stripTrailing(text: string, chars: string | ((char: string) => boolean)): string {
  const strips = typeof chars === "string" ? (char: string) => chars.includes(char) : chars;
  let end = text.length;
  while (end > 0 && strips(text.charAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Each line without trailing spaces and tabs (what `/[ \t]+$/gm` removed). */
export const stripTrailingBlanksPerLine = (text: string): string =>
  text
    .split("\n")
    .map((line) => stripTrailing(line, " \t"))
    .join("\n");

/**
 * Replaces Markdown links and images, `[label](target)` and `![label](target)`, with `label`
 * (what `/!?\[([^\]]*)\]\([^)]*\)/g` with `$1` did): the label ends at the first `]`, the target at
 * the first `)`.
 */
export function replaceLinksWithLabels(text: string): string {
  let out = "";
  let copied = 0;
  let from = 0;
  while (from < text.length) {
    const open = text.indexOf("[", from);
    if (open < 0) break;
    const close = text.indexOf("]", open + 1);
    // No `]` at all: no later `[` can close either.
    if (close < 0) break;
    if (text.charAt(close + 1) !== "(") {
      // Every `[` before this `]` shares it as its first `]`, so none of them is a link.
      from = close + 1;
      continue;
    }
    const end = text.indexOf(")", close + 2);
    if (end < 0) break; // no `)` left for this or any later link
    const start = open > copied && text.charAt(open - 1) === "!" ? open - 1 : open;
    out += text.slice(copied, start) + text.slice(open + 1, close);
    copied = end + 1;
    from = end + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Replaces `<…>` spans (HTML tags, autolinks) with `replacement` (what `/<[^>]+>/g` did). */
export function replaceAngleTags(text: string, replacement: string): string {
  let out = "";
  let copied = 0;
  let from = 0;
  while (from < text.length) {
    const open = text.indexOf("<", from);
    if (open < 0) break;
    const close = text.indexOf(">", open + 1);
    if (close < 0) break; // no `>` left for this or any later `<`
    if (close === open + 1) {
      from = open + 1; // `<>` is not a tag
      continue;
    }
    out += text.slice(copied, open) + replacement;
    copied = close + 1;
    from = close + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Paired inline marks removed, their text kept: with marks `["**", "*"]`, `**a**` and `*a*` → `a`
 * (what `/(\*\*|\*)(.+?)\1/g` did; marks are tried in the order given, and a pair never spans
 * a line break). A mark with no closer after it is searched for once: after a failed search no
 * later one can succeed, so the scan stays linear.
 */
export const stripPairedMarks = (text: string, marks: readonly string[]): string =>
  text
    .split("\n")
    .map((line) => stripPairedMarksInLine(line, marks))
    .join("\n");

function stripPairedMarksInLine(line: string, marks: readonly string[]): string {
  const firstChars = new Set(marks.map((mark) => mark.charAt(0)));
  const noCloserFrom = new Map<string, number>();
  const closerOf = (mark: string, from: number): number => {
    const known = noCloserFrom.get(mark);
    if (known !== undefined && from >= known) return -1;
    const at = line.indexOf(mark, from);
    if (at < 0) noCloserFrom.set(mark, from);
    return at;
  };
  let out = "";
  let copied = 0;
  let at = 0;
  while (at < line.length) {
    let close = -1;
    let mark = "";
    if (firstChars.has(line.charAt(at))) {
      for (const candidate of marks) {
        if (!line.startsWith(candidate, at)) continue;
        // `.+?` needs one character: the closer is searched for from one past the content's start.
        close = closerOf(candidate, at + candidate.length + 1);
        mark = candidate;
        if (close >= 0) break;
      }
    }
    if (close < 0) {
      at++;
      continue;
    }
    out += line.slice(copied, at) + line.slice(at + mark.length, close);
    copied = close + mark.length;
    at = copied;
  }
  return copied === 0 ? line : out + line.slice(copied);
}

/** An ATX heading: its level and its text with the closing `#` sequence removed. */
export interface AtxHeading {
  level: number;
  /** Raw heading text (inline Markdown kept), without surrounding blanks. */
  text: string;
}

const isBlank = (char: string): boolean => char === " " || char === "\t";
// A CRLF document split at "\n" leaves "\r" at line ends.
const isTrailingBlank = (char: string): boolean => isBlank(char) || char === "\r";

/**
 * Reads an ATX heading line (`## Title ##`): one to six `#`, at least one space or tab, the
 * text, an optional closing run of `#` after a blank. Returns null for any other line.
 */
export function atxHeading(line: string): AtxHeading | null {
  let level = 0;
  while (level < line.length && line.charAt(level) === "#") level++;
  if (level < 1 || level > 6 || !isBlank(line.charAt(level))) return null;
  let end = line.length;
  while (end > level && isTrailingBlank(line.charAt(end - 1))) end--;
  let closing = end;
  while (closing > level && line.charAt(closing - 1) === "#") closing--;
  // A closing run counts only after a blank; `# C#` keeps its `#`.
  if (closing < end && closing > level && isBlank(line.charAt(closing - 1))) end = closing;
  let start = level;
  while (start < end && isBlank(line.charAt(start))) start++;
  while (end > start && isBlank(line.charAt(end - 1))) end--;
  return { level, text: line.slice(start, end) };
}
