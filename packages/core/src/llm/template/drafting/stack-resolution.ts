import { slugify } from "../../../agents/slug.ts";
import { isExclusion, type Preference, preferences } from "./feedback.ts";
import { type StackArea, stackCatalog, type Technology } from "./stack-catalog.ts";
import { indexOfTerm, mentionedTerms, termMatches } from "./text.ts";

/** One area of the drafted stack, with the evidence that led to it. */
export interface ResolvedChoice {
  area: StackArea;
  technology: Technology;
  /** Why the area is part of the stack at all. */
  areaEvidence: string;
  /** Why this technology: the reviewer asked, the inputs named it, or the template default. */
  source: "feedback" | "inputs" | "default";
  /** The feedback line or the words from the inputs behind the choice. */
  evidence: string;
  /** Technologies the reviewer ruled out for this area. */
  rejected: string[];
}

/** Where the text first mentions any of the terms; Infinity when it mentions none. */
function firstMention(text: string, terms: string[]): number {
  const positions = terms.map((term) => indexOfTerm(text, term)).filter((at) => at >= 0);
  return positions.length ? Math.min(...positions) : Number.POSITIVE_INFINITY;
}

/** The text with each whole-term mention blanked out, so positions stay where they were. */
function withoutTerms(text: string, terms: string[]): string {
  let masked = text;
  for (const term of terms) {
    const kept: string[] = [];
    let from = 0;
    for (const { at, end } of termMatches(masked, term)) {
      if (at < from) continue;
      kept.push(masked.slice(from, at), " ".repeat(end - at));
      from = end;
    }
    if (kept.length) masked = kept.join("") + masked.slice(from);
  }
  return masked;
}

const allTechnologies = stackCatalog.flatMap((area) => area.technologies);

/**
 * Other technologies' names that contain one of this technology's terms: "React Native" names
 * the mobile framework, not React for the web, so it is no mention of React.
 */
const longerNamesOfOthers = (technology: Technology, terms: string[]): string[] =>
  allTechnologies
    .filter((other) => other !== technology)
    .flatMap((other) => [other.name, ...other.aliases])
    .filter((name) => terms.some((term) => name.length > term.length && indexOfTerm(name, term) >= 0));

const longerNamesCache = new Map<string, string[]>();

/** Where the text first names the technology, not counting mentions inside another's name. */
function firstMentionOf(text: string, technology: Technology, use: NameUse): number {
  const terms = termsOf(technology, use);
  const key = `${use}\n${technology.name}`;
  const longer = longerNamesCache.get(key) ?? longerNamesOfOthers(technology, terms);
  // Catalog technologies only: a reviewer's own choice has a fresh object every draft.
  if (allTechnologies.includes(technology)) longerNamesCache.set(key, longer);
  return firstMention(longer.length ? withoutTerms(text, longer) : text, terms);
}

/**
 * Display names ("Go") only count in short fragments known to name a technology; in sentences
 * only distinctive aliases ("golang") do, so "bakers go to market" picks no backend language.
 */
type NameUse = "aliases" | "names and aliases";
const termsOf = (technology: Technology, use: NameUse): string[] =>
  use === "aliases" ? technology.aliases : [technology.name, ...technology.aliases];

/** The technology of the catalog the text names first, if any. */
function namedTechnology(text: string, use: NameUse): { area: StackArea; technology: Technology } | null {
  let best: { area: StackArea; technology: Technology; at: number } | null = null;
  for (const area of stackCatalog) {
    for (const technology of area.technologies) {
      const at = firstMentionOf(text, technology, use);
      if (Number.isFinite(at) && (!best || at < best.at)) best = { area, technology, at };
    }
  }
  return best;
}

const quoteList = (terms: string[]): string => terms.map((term) => `"${term}"`).join(", ");

/** A reviewer's choice the catalog does not know: kept verbatim rather than dropped. */
const customTechnology = (name: string): Technology => ({
  name,
  aliases: [name.toLowerCase()],
  strengths: ["requested in review feedback"],
  tradeOffs: ["not assessed by the template; review its fit and cost"],
});

/**
 * Picks a stack from what the person wrote (`text`) and the reviewer's feedback lines. Feedback
 * wins over the inputs, the inputs over the template default; areas appear in catalog order so
 * decision ids stay put when a choice changes.
 */
export function resolveStack(text: string, feedback: string[]): ResolvedChoice[] {
  const stated = preferences(feedback);
  const exclusions = feedback.filter(isExclusion);
  const preferenceFor = new Map<string, { preference: Preference; technology: Technology }>();
  const rejectedIn = new Map<string, string[]>();
  const extraAreas: StackArea[] = [];

  const reject = (areaId: string, name: string) => {
    const names = rejectedIn.get(areaId) ?? [];
    if (!names.includes(name)) rejectedIn.set(areaId, [...names, name]);
  };

  for (const preference of stated) {
    const preferred = namedTechnology(preference.preferred, "names and aliases");
    const rejected = preference.rejected ? namedTechnology(preference.rejected, "names and aliases") : null;
    if (rejected && preference.rejected) reject(rejected.area.id, rejected.technology.name);
    const area = preferred?.area ?? rejected?.area;
    const technology = preferred?.technology ?? customTechnology(preference.preferred);
    if (area) {
      preferenceFor.set(area.id, { preference, technology });
    } else {
      const extra: StackArea = {
        id: slugify(preference.preferred, 30),
        name: preference.preferred,
        label: preference.preferred,
        need: "Review feedback asks for this technology.",
        triggers: "always",
        technologies: [technology],
        standards: [],
      };
      extraAreas.push(extra);
      preferenceFor.set(extra.id, { preference, technology });
    }
  }
  for (const line of exclusions) {
    const named = namedTechnology(line, "aliases");
    if (named && !stated.some((preference) => preference.line === line))
      reject(named.area.id, named.technology.name);
  }

  const resolved: ResolvedChoice[] = [];
  for (const area of [...stackCatalog, ...extraAreas]) {
    const fromFeedback = preferenceFor.get(area.id);
    const rejected = rejectedIn.get(area.id) ?? [];
    const areaTriggers = area.triggers === "always" ? [] : area.triggers;
    // "drop the reminders" takes away that reason for the area, not others ("weekly reports").
    const triggers = mentionedTerms(text, areaTriggers).filter(
      (trigger) => !exclusions.some((line) => mentionedTerms(line, [trigger]).length > 0),
    );
    const named = area.technologies
      .map((technology) => ({ technology, at: firstMentionOf(text, technology, "aliases") }))
      .filter(({ technology, at }) => Number.isFinite(at) && !rejected.includes(technology.name))
      .sort((a, b) => a.at - b.at);
    if (!fromFeedback && area.triggers !== "always" && !triggers.length && !named.length) continue;

    const areaEvidence =
      area.triggers === "always"
        ? "every project of this kind needs it"
        : triggers.length
          ? `the inputs mention ${quoteList(triggers.slice(0, 3))}`
          : "a technology for it is named";
    const base = { area, areaEvidence, rejected };
    const first = named[0];
    if (fromFeedback) {
      resolved.push({
        ...base,
        technology: fromFeedback.technology,
        source: "feedback",
        evidence: fromFeedback.preference.line,
      });
    } else if (first) {
      resolved.push({
        ...base,
        technology: first.technology,
        source: "inputs",
        evidence: `the inputs name ${first.technology.name}`,
      });
    } else {
      const fallback =
        area.technologies.find((technology) => !rejected.includes(technology.name)) ?? area.technologies[0];
      if (!fallback) continue;
      resolved.push({ ...base, technology: fallback, source: "default", evidence: "template default" });
    }
  }
  return resolved;
}
