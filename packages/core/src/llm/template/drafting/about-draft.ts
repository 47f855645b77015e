import type { AboutOutput } from "@jeex/contracts/agents/about";
import type { AgentInput } from "../../../agents/agent.ts";
import { stripTrailing } from "../../../text-work/markdown-scan.ts";
import {
  capabilityVerbs,
  constraintCues,
  exclusionCues,
  goalCues,
  hardConstraintCues,
  integrationCues,
  moneyCues,
  notAudienceWords,
  peopleNouns,
  problemCues,
  timeCues,
  verbsTakingFor,
} from "./cue-words.ts";
import { addition, feedbackLines, isExclusion, isQuestion } from "./feedback.ts";
import {
  asItem,
  asSentence,
  capitalise,
  isStopword,
  joinSentences,
  keyPhrases,
  mentionedTerms,
  mentions,
  sentencesWith,
  splitSentences,
  truncate,
  unique,
  words,
} from "./text.ts";

/**
 * The cue alone, not `cue\s+(.+)$`: that tail is retried from every cue on a long line; the words
 * after "lets" are read by `enabledRest`, not by a lazy group before a lookahead. Sentences come
 * from `splitSentences`, so blanks are single spaces.
 */
const capabilityCue =
  /\b(?:wants? to|needs? to|would like to|(?:should|must|will|can) be able to|should|must|will|can|lets?|allows?|helps?|enables?|wants?|needs?|would like) /gi;
const enablingVerb = /^(?:lets?|allows?|helps?|enables?) $/i;
/** "want patients to book": who comes between, and the "to" is not optional ("want something so …"). */
const wantingVerb = /^(?:wants?|needs?|would like) $/i;
const modal = /^(?:should|must|will|can)$/i;
const wordToken = /^[\w'-]+$/;

/**
 * The first `count` space-separated words from `at`, read from a bounded window: these readers
 * run at every cue of a line, and splitting the whole rest of a long line each time is quadratic.
 * A word longer than the window is cut, and no cue word is that long.
 */
const wordsAt = (sentence: string, at: number, count: number): string[] =>
  sentence.slice(at, at + 80 * count).split(" ", count);

/** A word that starts with letters up to a word boundary ("record", "see,"), as `[a-z]+\b` read. */
function startsWithLetters(token: string | undefined): boolean {
  const letters = token === undefined ? null : /^[a-z]+/i.exec(token);
  return letters !== null && !/\w/.test(token?.charAt(letters[0].length) ?? "");
}

const isCapabilityVerb = (token: string | undefined): boolean =>
  capabilityVerbs.has(words(token ?? "")[0] ?? "") && startsWithLetters(token);

interface Enabled {
  /** The one to three words between the cue and the verb: "bakers" in "lets bakers record". */
  who: string;
  /** From the verb on. */
  rest: string;
}

/**
 * After "lets"/"allows"/…: one to three words (the fewest that work), an optional "to", then a
 * word that starts with letters — "lets bakers record" → "record". After "want"/"need" the "to"
 * is required. Null when no such split exists.
 */
function enabledRest(sentence: string, after: number, toRequired: boolean): Enabled | null {
  const tokens = wordsAt(sentence, after, 5);
  const split = (count: number, restFrom: number): Enabled => ({
    who: tokens.slice(0, count).join(" "),
    rest: sentence.slice(after + tokens.slice(0, restFrom).join(" ").length + 1),
  });
  for (let words = 1; words <= 3 && wordToken.test(tokens[words - 1] ?? ""); words++) {
    if (tokens[words]?.toLowerCase() === "to" && startsWithLetters(tokens[words + 1]))
      return split(words, words + 1);
    if (!toRequired && startsWithLetters(tokens[words])) return split(words, words);
  }
  return null;
}

/** Each "lets bakers …" / "want patients to …" of a sentence, in order. */
function* enabledParts(sentence: string): Generator<Enabled & { at: number }> {
  for (const cue of sentence.matchAll(capabilityCue)) {
    const enabling = enablingVerb.test(cue[0]);
    if (!enabling && !wantingVerb.test(cue[0])) continue;
    const found = enabledRest(sentence, cue.index + cue[0].length, !enabling);
    if (found) yield { ...found, at: cue.index + cue[0].length };
  }
}

const isPeopleWord = (word: string): boolean => peopleNouns.has(word) || /[^s']s$/.test(word);

/**
 * "Managers review reports", "Field technicians need an app", "Students should book": the one
 * to three words a sentence opens with, when they name people and what they do follows.
 */
function openingSubject(sentence: string): { who: string; verbAt: number } | null {
  const tokens = wordsAt(sentence, 0, 6);
  for (let count = 1; count <= 3; count++) {
    const subject = tokens.slice(0, count);
    if (!subject.every((token) => wordToken.test(token) && !isStopword(token.toLowerCase()))) return null;
    if (!isPeopleWord(subject.at(-1)?.toLowerCase() ?? "")) continue;
    const next = tokens[count] ?? "";
    const afterNext = tokens[count + 1];
    // "need an app", "need to schedule"; not "need to be sent" (things need things too).
    const wantsSomething =
      /^(?:wants?|needs?)$/i.test(next) &&
      (afterNext?.toLowerCase() !== "to" || isCapabilityVerb(tokens[count + 2]));
    if (isCapabilityVerb(next) || (modal.test(next) && isCapabilityVerb(afterNext)) || wantsSomething)
      return { who: subject.join(" "), verbAt: subject.join(" ").length + 1 };
  }
  return null;
}

/** "An app for small bakeries to track stock" → "small bakeries": the words after "for", up to a stopword. */
function forAudiences(sentence: string): { who: string; at: number }[] {
  const found: { who: string; at: number }[] = [];
  for (const match of sentence.matchAll(/\bfor\s+([^.,;:!?\n]+)/gi)) {
    // "paid for shared groceries" is what was paid, not whom the product serves.
    const before = words(sentence.slice(0, match.index)).at(-1) ?? "";
    if (verbsTakingFor.has(before)) continue;
    const kept: string[] = [];
    for (const word of (match[1] ?? "").split(/\s+/)) {
      const lower = word.toLowerCase();
      if (isStopword(lower) && kept.length) break;
      if (!isStopword(lower)) kept.push(word);
      if (kept.length === 4) break;
    }
    // "for dog walkers", "for HR", not "for same-day delivery": the last word names people.
    const last = kept.at(-1) ?? "";
    const namesPeople = isPeopleWord(last.toLowerCase()) || /^[A-Z]{2,}$/.test(last);
    if (namesPeople && !kept.some((word) => notAudienceWords.has(word.toLowerCase())))
      found.push({ who: kept.join(" "), at: match.index });
  }
  return found;
}

/**
 * The people an idea names, in the order it names them: whom it is "for", who a sentence opens
 * with ("Managers review …"), and whom it "lets" or wants to do something. Sentences that say
 * what is left out name no audience ("that's for v2").
 */
function audienceFromIdea(sentences: string[]): string[] {
  const found = sentences
    .filter((sentence) => !isOutOfScopeSentence(sentence))
    .flatMap((sentence) => {
      const opening = openingSubject(sentence);
      const enabled = [...enabledParts(sentence)].filter((part) =>
        part.who.split(" ").every((word) => !isStopword(word.toLowerCase())),
      );
      return [...forAudiences(sentence), ...(opening ? [{ who: opening.who, at: 0 }] : []), ...enabled]
        .sort((a, b) => a.at - b.at)
        .map((item) => item.who);
    });
  return unique(found).slice(0, 4);
}

/**
 * Where a sentence's capabilities start: after a cue ("want to", "should", "lets bakers"), at a
 * verb it opens with ("Send reminders …", a list item "assign chores …"), after who it opens
 * with ("Managers review reports"), or after a purpose "to" ("an app to find people …").
 */
function capabilityRest(sentence: string): string {
  for (const cue of sentence.matchAll(capabilityCue)) {
    const after = cue.index + cue[0].length;
    const enabling = enablingVerb.test(cue[0]);
    const wanting = wantingVerb.test(cue[0]);
    const rest = enabling || wanting ? enabledRest(sentence, after, wanting)?.rest : sentence.slice(after);
    if (rest) return rest;
  }
  if (isCapabilityVerb(wordsAt(sentence, 0, 1)[0])) return sentence;
  const opening = openingSubject(sentence);
  if (opening && isCapabilityVerb(wordsAt(sentence, opening.verbAt, 1)[0]))
    return sentence.slice(opening.verbAt);
  const purpose = /\bto /gi;
  for (const match of sentence.matchAll(purpose)) {
    const after = match.index + match[0].length;
    if (isCapabilityVerb(wordsAt(sentence, after, 1)[0])) return sentence.slice(after);
  }
  return "";
}

/** Text after "want to", "should", "lets bakers", …: the capabilities a sentence names. */
function capabilityClauses(sentence: string): string[] {
  const rest = stripTrailing(capabilityRest(sentence), ".!?");
  if (!rest) return [];
  const startsWithVerb = (text: string): boolean => capabilityVerbs.has(words(text.slice(0, 80))[0] ?? "");
  const clauses: string[] = [];
  // "record deliveries, see stock and get reminders": commas and and/or separate capabilities
  // only when a verb follows; "reports of waste and costs" stays one clause. A list closed by
  // ", and pay a deposit" has its last capability after the comma's "and".
  for (const part of rest.split(/[,;]/).map((piece) => piece.trim())) {
    const unjoined = part.replace(/^(?:and|or) /i, "");
    const [first = "", ...joined] = (startsWithVerb(unjoined) ? unjoined : part).split(/ (and|or) /i);
    const pieces = [first];
    for (let index = 0; index < joined.length; index += 2) {
      const conjunction = joined[index] ?? "and";
      const next = joined[index + 1] ?? "";
      // "book and cancel appointments": a bare verb shares the next one's object.
      const bareVerb = /^[\w'-]+$/.test(pieces.at(-1) ?? "");
      if (startsWithVerb(next) && !bareVerb) pieces.push(next);
      else pieces[pieces.length - 1] = `${pieces.at(-1)} ${conjunction} ${next}`;
    }
    for (const piece of pieces) {
      const previous = clauses.at(-1);
      if (previous !== undefined && !startsWithVerb(piece))
        clauses[clauses.length - 1] = `${previous}, ${piece}`;
      else clauses.push(piece);
    }
  }
  return withObjects(clauses.map((clause) => clause.replace(/^(?:to|also)\s+/i, "").trim())).filter(
    (clause) => words(clause).length >= 2,
  );
}

/** "share lesson plans" → "lesson plans": the words after the verb, up to a stopword. */
function objectOf(clause: string): string {
  const kept: string[] = [];
  for (const word of clause.split(" ", 8).slice(1)) {
    if (isStopword(word.toLowerCase()) || !wordToken.test(word)) break;
    kept.push(word);
  }
  return kept.join(" ");
}

/**
 * "share lesson plans, rate them": a capability stands alone in scope and as an epic title,
 * so "them" becomes what the clause before it acted on ("Rate lesson plans").
 */
function withObjects(clauses: string[]): string[] {
  return clauses.map((clause, index) => {
    const object = index > 0 ? objectOf(clauses[index - 1] ?? "") : "";
    return object ? clause.replace(/(?<=^\S+ )them\b/i, object) : clause;
  });
}

/** A sentence that says what the first release leaves out. */
export const isOutOfScopeSentence = (sentence: string): boolean =>
  sentencesWith([sentence], exclusionCues).length > 0;

const splitAudience = (audience: string): string[] =>
  unique(
    audience
      .split(/[;\n,]/)
      .flatMap((segment) => segment.replace(/\s+/g, " ").split(/ and /i))
      .map((segment) => segment.trim())
      .filter(Boolean),
  ).slice(0, 8);

/** The sentences of the idea that mention a segment, as what we know about its needs. */
function needsOf(segment: string, sentences: string[], title: string): string {
  // Every word but stopwords: "HR" and "IT" are short, and still name who.
  const terms = words(segment).filter((word) => !isStopword(word));
  const related = sentences.filter((sentence) => terms.some((term) => mentions(sentence, term)));
  return related.length
    ? truncate(joinSentences(related.slice(0, 2)), 1_000)
    : `Not stated yet: confirm what ${segment} expect from ${title}.`;
}

/** Strip the leading verb of an exclusion: "drop payments" → "Payments". */
const excludedItem = (line: string): string =>
  capitalise(line.replace(/^(?:no|not|never|don't|do not|drop|remove|skip|exclude|without|avoid)\s+/i, ""));

const listItemLine = /^\s*(?:[-*+]|\d+[.)])\s+/;

/**
 * The idea's first two sentences; an opening that leads into a list ("… for flatmates:") keeps
 * the list's items, not just the first of them as if it were the whole product.
 */
function summaryOf(idea: string, sentences: string[]): string {
  const lead = sentences[0] ?? "";
  const items = idea
    .split("\n")
    .filter((line) => listItemLine.test(line))
    .map((line) => stripTrailing(line.replace(listItemLine, "").trim(), ".;,"))
    .filter(Boolean);
  // Lines without a full stop ("1. Users sign up") must not run into each other.
  if (!lead.endsWith(":") || !items.length) return joinSentences(sentences.slice(0, 2));
  return asSentence(`${lead} ${items.slice(0, 8).join("; ")}`);
}

/** The audience segment of an idea that names nobody; later drafts do not repeat it as a name. */
export const unnamedAudience = "Primary users";

/**
 * Key phrases stand in for scope only when no sentence names a capability. A lone word among
 * them is usually a stray ("Mobile", "Walk"), so single words serve only when nothing longer does.
 */
function fallbackScope(phrases: string[]): string[] {
  const longer = phrases.filter((phrase) => words(phrase).length > 1);
  return (longer.length ? longer : phrases).slice(0, 4);
}

/** Without a goal sentence, the goal is to ship what the scope names. */
function scopeGoal(title: string, inScope: string[]): string {
  return inScope.length
    ? `Ship a first release of ${title} that covers: ${inScope.slice(0, 3).join("; ")}`
    : `Ship a first release of ${title}`;
}

/**
 * Drafts the about document from the person's own words: sentences of the idea become the
 * summary, problem, goals and facts; the capabilities named in goal sentences ("record
 * deliveries") become the scope, key phrases when there are none; clarifications become key facts;
 * what the inputs leave unsaid becomes open questions; review feedback lands where it belongs.
 */
export function draftAbout(input: AgentInput): AboutOutput {
  const idea = input.idea.idea.trim();
  const sentences = splitSentences(idea);
  const clarifications = input.idea.clarifications ?? [];
  const answered = clarifications.filter((item) => item.answer.trim());
  const feedback = feedbackLines(input.feedback);
  const personText = [idea, input.idea.audience ?? "", ...answered.map((item) => item.answer)].join("\n");
  const title = truncate(
    input.project.name.trim() || capitalise(keyPhrases(idea, 1)[0] ?? "New product"),
    120,
  );

  const exclusionSentences = sentences.filter(isOutOfScopeSentence);
  // "It must comply with GDPR" has a goal's "must", but it constrains what is built: a fact.
  const constraintSentences = sentencesWith(sentences, hardConstraintCues).filter(
    (sentence) => !exclusionSentences.includes(sentence),
  );
  const goalSentences = sentencesWith(sentences, goalCues).filter(
    (sentence) => !exclusionSentences.includes(sentence) && !constraintSentences.includes(sentence),
  );
  const problemSentences = sentencesWith(sentences, problemCues)
    .filter((sentence) => !goalSentences.includes(sentence) && !exclusionSentences.includes(sentence))
    .filter((sentence) => !constraintSentences.includes(sentence))
    .slice(0, 3);
  // Sentences with no goal cue still name capabilities: "an app to find …", "- assign chores …".
  const capabilitySentences = sentences.filter(
    (sentence) =>
      !exclusionSentences.includes(sentence) &&
      !constraintSentences.includes(sentence) &&
      !problemSentences.includes(sentence),
  );
  const summary = capitalise(summaryOf(idea, sentences) || idea);
  const factSentences = sentences.filter(
    (sentence) =>
      !goalSentences.includes(sentence) &&
      !problemSentences.includes(sentence) &&
      !exclusionSentences.includes(sentence) &&
      // A list item that is one capability ("assign chores on a weekly rota") is scope, not a fact.
      capabilityRest(sentence) !== sentence &&
      // The summary says it already, unless it also constrains the architecture, which reads facts.
      (!summary.toLowerCase().includes(sentence.toLowerCase()) ||
        /\d/.test(sentence) ||
        mentionedTerms(sentence, constraintCues).length > 0),
  );
  const problem = problemSentences.length
    ? problemSentences.join(" ")
    : `The idea does not name the problem directly. As described: ${asSentence(capitalise(sentences[0] ?? idea))}`;
  const phrases = keyPhrases(personText, 10);
  const goals = unique(goalSentences.map(asItem)).slice(0, 6);
  const capabilities = unique(capabilitySentences.flatMap(capabilityClauses));

  const statedAudience = input.idea.audience?.trim();
  const segments = statedAudience ? splitAudience(statedAudience) : audienceFromIdea(sentences);
  const audience = segments.length
    ? segments.map((segment) => ({
        segment: truncate(capitalise(segment), 200),
        needs: needsOf(segment, sentences, title),
      }))
    : [
        {
          segment: unnamedAudience,
          needs: `The idea does not name its users yet: confirm who they are and what they expect from ${title}.`,
        },
      ];

  const segmentWords = new Set(segments.flatMap(words));
  const scopePhrases = capabilities.length
    ? capabilities
    : fallbackScope(
        phrases.filter(
          (phrase) =>
            !words(phrase).every((word) => segmentWords.has(word)) &&
            !exclusionSentences.some((sentence) => sentence.toLowerCase().includes(phrase.toLowerCase())),
        ),
      );
  const additions = feedback.map(addition).filter((item): item is string => item !== null);
  const inScope = unique([...scopePhrases.slice(0, 8).map(capitalise), ...additions.map(capitalise)]);

  const feedbackNotes = feedback.filter((line) => !isExclusion(line) && !isQuestion(line) && !addition(line));
  const keyFacts = unique([
    ...answered.map((item) => `${stripTrailing(item.question, "?")}: ${item.answer}`),
    ...factSentences.map(asItem),
    ...(input.project.description.trim() && input.project.description.trim() !== idea
      ? [`Project description: ${input.project.description.trim()}`]
      : []),
    ...feedbackNotes.map((line) => `Review feedback: ${line}`),
  ]).map((fact) => truncate(fact, 500));

  const gapQuestions = [
    segments.length ? null : "Who exactly is the primary user, and who decides to adopt it?",
    /\d/.test(personText) ? null : "How many people and how much data should the first release handle?",
    mentionedTerms(personText, moneyCues).length ? null : "How will the product make or save money?",
    mentionedTerms(personText, timeCues).length
      ? null
      : "Is there a target date or budget for the first release?",
    mentionedTerms(personText, integrationCues).length
      ? null
      : "Which existing tools or systems must it work with?",
  ].filter((question): question is string => question !== null);

  return {
    title,
    summary: truncate(summary, 1_200),
    problem: truncate(problem, 4_000),
    audience,
    goals: (goals.length ? goals : [scopeGoal(title, inScope)]).map((goal) => truncate(goal, 400)),
    keyFacts: keyFacts.slice(0, 20),
    scope: {
      inScope: (inScope.length ? inScope : [truncate(sentences[0] ?? idea, 300)])
        .slice(0, 15)
        .map((item) => truncate(item, 300)),
      outOfScope: unique([
        ...exclusionSentences.map(asItem),
        ...feedback.filter(isExclusion).map(excludedItem),
      ])
        .slice(0, 15)
        .map((item) => truncate(item, 300)),
    },
    openQuestions: unique([
      ...clarifications.filter((item) => !item.answer.trim()).map((item) => item.question),
      ...feedback.filter(isQuestion),
      ...gapQuestions,
    ])
      .slice(0, 15)
      .map((question) => truncate(question, 400)),
  };
}
