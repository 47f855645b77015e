const danglingWords = new Set([
  "a",
  "an",
  "and",
  "as",
  "at",
  "by",
  "for",
  "from",
  "in",
  "of",
  "on",
  "or",
  "the",
  "to",
  "with",
]);

/**
 * File-name slug: lowercase ASCII words joined by dashes, cut at a word boundary so names stay
 * readable. Accents are folded ("Café" → "cafe") so the same title always gives the same name.
 */
export function slugify(text: string, maxLength = 50): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const kept: string[] = [];
  for (const word of words) {
    if ([...kept, word].join("-").length > maxLength) {
      // A cut title should not end mid-phrase on "for" or "the".
      while (kept.length > 1 && danglingWords.has(kept.at(-1) ?? "")) kept.pop();
      break;
    }
    kept.push(word);
  }
  const slug = kept.join("-");
  // A single word longer than the limit is cut rather than dropped.
  return slug || (words[0] ?? "").slice(0, maxLength) || "untitled";
}
