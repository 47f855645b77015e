// What the hashing embedder counts: words (letters and digits) and pairs of neighbouring words.

const combiningMarks = /\p{M}+/gu;
const wordPattern = /[\p{L}\p{N}]+/gu;

/** Frequent English function words: they match everywhere and would only blur the ranking. */
const stopWords = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have how i if in into is it its " +
    "may might must no not of on or our should so such than that the their them then there these they this " +
    "those to was we were what when where which while who will with would you your"
  ).split(" "),
);

/** Lower-cased words with diacritics removed (NFKD, then combining marks dropped), stop words skipped. */
export function wordsOf(text: string): string[] {
  const folded = text.normalize("NFKD").replace(combiningMarks, "").toLowerCase();
  const words: string[] = [];
  for (const match of folded.matchAll(wordPattern)) {
    if (!stopWords.has(match[0])) words.push(match[0]);
  }
  return words;
}

/** FNV-1a over UTF-16 code units, then murmur3's finaliser so every output bit depends on every input bit. */
export function featureHash(feature: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
