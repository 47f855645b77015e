const englishPlurals = new Intl.PluralRules("en");
const countFormat = new Intl.NumberFormat("en");

/**
 * "1 project", "2 projects", "1,200 words": the count with the noun in the form English uses for
 * it. Irregular plurals are passed in (`countOf(n, "entry", "entries")`).
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  const noun = englishPlurals.select(count) === "one" ? singular : plural;
  return `${countFormat.format(count)} ${noun}`;
}
