import type { AboutOutput } from "@jeex/contracts/agents/about";
import type { AgentInput } from "../../../agents/agent.ts";
import { stripTrailing } from "../../../text-work/markdown-scan.ts";
import {
  capabilityVerbs,
  exclusionCues,
  goalCues,
  integrationCues,
  moneyCues,
  problemCues,
  timeCues,
} from "./cue-words.ts";
import { addition, feedbackLines, isExclusion, isQuestion } from "./feedback.ts";
import {
  asSentence,
  capitalise,
  contentWords,
  isStopword,
  keyPhrases,
  mentionedTerms,
  mentions,
  sentencesWith,
  splitSentences,
  truncate,
  unique,
  words,
} from "./text.ts";

/** "An app for small bakeries to track stock" → "small bakeries": the words after "for", up to a stopword. */
function audienceFromIdea(idea: string): string[] {
  const found: string[] = [];
  for (const match of idea.matchAll(/\bfor\s+([^.,;:!?\n]+)/gi)) {
    const kept: string[] = [];
    for (const word of (match[1] ?? "").split(/\s+/)) {
      const lower = word.toLowerCase();
      if (isStopword(lower) && kept.length) break;
      if (!isStopword(lower)) kept.push(word);
      if (kept.length === 4) break;
    }
    if (kept.length) found.push(kept.join(" "));
  }
  return unique(found).slice(0, 4);
}

/**
 * The cue alone, not `cue\s+(.+)$`: that tail is retried from every cue on a long line; the words
 * after "lets" are read by `enabledRest`, not by a lazy group before a lookahead. Sentences come
 * from `splitSentences`, so blanks are single spaces.
 */
const capabilityCue =
  /\b(?:wants? to|needs? to|would like to|(?:should|must|will|can) be able to|should|must|will|can|lets?|allows?|helps?|enables?) /gi;
const enablingVerb = /^(?:lets?|allows?|helps?|enables?) $/i;
const wordToken = /^[\w'-]+$/;

/** A word that starts with letters up to a word boundary ("record", "see,"), as `[a-z]+\b` read. */
function startsWithLetters(token: string | undefined): boolean {
  const letters = token === undefined ? null : /^[a-z]+/i.exec(token);
  return letters !== null && !/\w/.test(token?.charAt(letters[0].length) ?? "");
}

/**
 * After "lets"/"allows"/…: one to three words (the fewest that work), an optional "to", then a
 * word that starts with letters — "lets bakers record" → "record". Null when no such split exists.
 */
function enabledRest(sentence: string, after: number): string | null {
  const tokens = sentence.slice(after).split(" ", 5);
  const restAfter = (count: number) => sentence.slice(after + tokens.slice(0, count).join(" ").length + 1);
  for (let words = 1; words <= 3 && wordToken.test(tokens[words - 1] ?? ""); words++) {
    if (tokens[words]?.toLowerCase() === "to" && startsWithLetters(tokens[words + 1]))
      return restAfter(words + 1);
    if (startsWithLetters(tokens[words])) return restAfter(words);
  }
  return null;
}

function capabilityRest(sentence: string): string {
  for (const cue of sentence.matchAll(capabilityCue)) {
    const after = cue.index + cue[0].length;
    const rest = enablingVerb.test(cue[0]) ? enabledRest(sentence, after) : sentence.slice(after);
    if (rest) return rest;
  }
  return "";
}

/** Text after "want to", "should", "lets bakers", …: the capabilities a goal sentence names. */
function capabilityClauses(sentence: string): string[] {
  const rest = stripTrailing(capabilityRest(sentence), ".!?");
  if (!rest) return [];
  const startsWithVerb = (text: string): boolean => capabilityVerbs.has(words(text)[0] ?? "");
  const clauses: string[] = [];
  // "record deliveries, see stock and get reminders": commas and and/or separate capabilities
  // only when a verb follows; "reports of waste and costs" stays one clause.
  for (const part of rest.split(/[,;]/).map((piece) => piece.trim())) {
    const [first = "", ...joined] = part.split(/ (and|or) /i);
    const pieces = [first];
    for (let index = 0; index < joined.length; index += 2) {
      const conjunction = joined[index] ?? "and";
      const next = joined[index + 1] ?? "";
      if (startsWithVerb(next)) pieces.push(next);
      else pieces[pieces.length - 1] = `${pieces.at(-1)} ${conjunction} ${next}`;
    }
    for (const piece of pieces) {
      const previous = clauses.at(-1);
      if (previous !== undefined && !startsWithVerb(piece))
        clauses[clauses.length - 1] = `${previous}, ${piece}`;
      else clauses.push(piece);
    }
  }
  return clauses
    .map((clause) => clause.replace(/^(?:to|also)\s+/i, "").trim())
    .filter((clause) => words(clause).length >= 2);
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
  const terms = contentWords(segment);
  const related = sentences.filter((sentence) => terms.some((term) => mentions(sentence, term)));
  return related.length
    ? truncate(related.slice(0, 2).join(" "), 1_000)
    : `Not stated yet: confirm what ${segment} expect from ${title}.`;
}

/** Strip the leading verb of an exclusion: "drop payments" → "Payments". */
const excludedItem = (line: string): string =>
  capitalise(line.replace(/^(?:no|not|never|don't|do not|drop|remove|skip|exclude|without|avoid)\s+/i, ""));

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
  const goalSentences = sentencesWith(sentences, goalCues).filter(
    (sentence) => !exclusionSentences.includes(sentence),
  );
  const problemSentences = sentencesWith(sentences, problemCues)
    .filter((sentence) => !goalSentences.includes(sentence) && !exclusionSentences.includes(sentence))
    .slice(0, 3);
  const factSentences = sentences.filter(
    (sentence) =>
      !goalSentences.includes(sentence) &&
      !problemSentences.includes(sentence) &&
      !exclusionSentences.includes(sentence),
  );
  const problem = problemSentences.length
    ? problemSentences.join(" ")
    : `The idea does not name the problem directly. As described: ${asSentence(sentences[0] ?? idea)}`;
  const phrases = keyPhrases(personText, 10);
  const goals = unique(goalSentences.map((sentence) => stripTrailing(sentence, ".!"))).slice(0, 6);
  const capabilities = unique(goalSentences.flatMap(capabilityClauses));

  const statedAudience = input.idea.audience?.trim();
  const segments = statedAudience ? splitAudience(statedAudience) : audienceFromIdea(idea);
  const audience = segments.length
    ? segments.map((segment) => ({
        segment: truncate(capitalise(segment), 200),
        needs: needsOf(segment, sentences, title),
      }))
    : [
        {
          segment: "Primary users",
          needs: `The idea does not name its users yet: confirm who they are and what they expect from ${title}.`,
        },
      ];

  const segmentWords = new Set(segments.flatMap(words));
  const scopePhrases = capabilities.length
    ? capabilities
    : phrases.filter(
        (phrase) =>
          !words(phrase).every((word) => segmentWords.has(word)) &&
          !exclusionSentences.some((sentence) => sentence.toLowerCase().includes(phrase)),
      );
  const additions = feedback.map(addition).filter((item): item is string => item !== null);
  const inScope = unique([...scopePhrases.slice(0, 8).map(capitalise), ...additions.map(capitalise)]);

  const feedbackNotes = feedback.filter((line) => !isExclusion(line) && !isQuestion(line) && !addition(line));
  const keyFacts = unique([
    ...answered.map((item) => `${stripTrailing(item.question, "?")}: ${item.answer}`),
    ...factSentences.map((sentence) => stripTrailing(sentence, ".!")),
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
    summary: truncate(sentences.slice(0, 2).join(" ") || idea, 1_200),
    problem: truncate(problem, 4_000),
    audience,
    goals: (goals.length ? goals : [`Deliver ${phrases[0] ?? "the idea"} in a first release`]).map((goal) =>
      truncate(goal, 400),
    ),
    keyFacts: keyFacts.slice(0, 20),
    scope: {
      inScope: (inScope.length ? inScope : [truncate(sentences[0] ?? idea, 300)])
        .slice(0, 15)
        .map((item) => truncate(item, 300)),
      outOfScope: unique([
        ...exclusionSentences.map((sentence) => stripTrailing(sentence, ".!")),
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
