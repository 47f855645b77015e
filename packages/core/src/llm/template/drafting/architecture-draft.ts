import { type ArchitectureOutput, decisionIdAt } from "@jeex/contracts/agents/architecture";
import { type AgentInput, productName } from "../../../agents/agent.ts";
import { isOutOfScopeSentence } from "./about-draft.ts";
import { containerDiagram, contextDiagram } from "./c4-diagrams.ts";
import { constraintCues } from "./cue-words.ts";
import { readAbout } from "./earlier-documents.ts";
import { feedbackLines } from "./feedback.ts";
import { type ResolvedChoice, resolveStack } from "./stack-resolution.ts";
import { capitalise, joinSentences, mentionedTerms, splitSentences, truncate, unique } from "./text.ts";

type Decision = ArchitectureOutput["decisions"][number];

interface SystemStyle {
  name: string;
  /** How it reads after "as": "a modular monolith", "microservices". */
  phrase: string;
  cues: string[];
  summary: string;
  pros: string[];
  cons: string[];
}

/** The default for a new product and one team. */
const modularMonolith: SystemStyle = {
  name: "Modular monolith",
  phrase: "a modular monolith",
  cues: ["monolith", "modular monolith"],
  summary: "One deployable service with clear internal modules and one database.",
  pros: ["Simple to build, test and deploy", "Refactoring across modules is cheap"],
  cons: ["Scales as one unit", "Module boundaries need discipline to stay clean"],
};

/** System shapes the draft weighs as its options. */
const styles: SystemStyle[] = [
  modularMonolith,
  {
    name: "Microservices",
    phrase: "microservices",
    cues: ["microservice", "microservices"],
    summary: "Several independently deployed services, each owning its data.",
    pros: ["Teams deploy independently", "Parts scale separately"],
    cons: ["Distributed failures, tracing and data consistency to manage", "Much more operational work"],
  },
  {
    name: "Serverless functions",
    phrase: "serverless functions",
    cues: ["serverless", "lambda"],
    summary: "Request handlers as managed functions over managed data services.",
    pros: ["No servers to run; scales to zero", "Pay per use"],
    cons: ["Cold starts and execution limits", "Harder local development and testing"],
  },
];

function sourceSentence(choice: ResolvedChoice): string {
  if (choice.source === "feedback") return `Chosen in review feedback: "${choice.evidence}".`;
  if (choice.source === "inputs") return `The inputs name ${choice.technology.name}.`;
  return `Template default for ${choice.area.label}.`;
}

function stackDecision(choice: ResolvedChoice, index: number): Decision {
  const { area, technology, rejected } = choice;
  return {
    id: decisionIdAt(index),
    title: truncate(`Use ${technology.prose ?? technology.name} for ${area.label}`, 160),
    status: "proposed",
    context: joinSentences([
      area.need,
      `Needed because ${choice.areaEvidence}`,
      choice.source === "feedback" ? `Review feedback: "${choice.evidence}"` : "",
      rejected.length ? `Ruled out in review: ${rejected.join(", ")}` : "",
    ]),
    decision: `We will use ${technology.prose ?? technology.name} for ${area.label}. ${sourceSentence(choice)}`,
    consequences: [
      ...technology.strengths.map(capitalise),
      ...technology.tradeOffs.map((tradeOff) => `Trade-off: ${tradeOff}`),
    ].slice(0, 12),
    alternatives: area.technologies
      .filter((other) => other.name !== technology.name)
      .map((other) =>
        rejected.includes(other.name) ? `${other.name} (ruled out in review feedback)` : other.name,
      )
      .slice(0, 8),
  };
}

/**
 * Drafts the architecture from the about document (goals, facts, scope — human edits included)
 * and the idea: the words in them select stack areas and named technologies, review feedback
 * overrides choices and becomes constraints, and each stack choice becomes one ADR.
 */
export function draftArchitecture(input: AgentInput): ArchitectureOutput {
  const about = readAbout(input);
  const feedback = feedbackLines(input.feedback);
  // Words of what the release leaves out ("ordering for customers is out of scope") must not
  // pull areas into the stack.
  const text = [
    ...splitSentences(input.idea.idea).filter((sentence) => !isOutOfScopeSentence(sentence)),
    input.idea.audience ?? "",
    ...(input.idea.clarifications ?? []).map((item) => item.answer),
    about.summary,
    about.problem,
    ...about.goals,
    ...about.keyFacts,
    ...about.inScope,
  ].join("\n");
  const stack = resolveStack(text, feedback).slice(0, 20);
  const name = productName(input);

  const styleText = [...feedback, text].join("\n");
  const askedStyle = styles.find((style) => mentionedTerms(styleText, style.cues).length);
  const chosenStyle = askedStyle ?? modularMonolith;
  const styleWhy = askedStyle
    ? `The inputs ask for it ("${mentionedTerms(styleText, askedStyle.cues)[0]}").`
    : "A first release with one team: one deployable keeps change cheap until real load says otherwise.";
  const styleDecision: Decision = {
    id: decisionIdAt(0),
    title: truncate(`Structure ${name} as ${chosenStyle.phrase}`, 160),
    status: "proposed",
    context: truncate(
      joinSentences([
        about.summary,
        about.inScope.length ? `The first release covers: ${about.inScope.slice(0, 4).join("; ")}` : "",
        `Options weighed: ${styles.map((style) => style.name).join(", ")}`,
      ]),
      4_000,
    ),
    decision: `We will build ${name} as ${chosenStyle.phrase}. ${styleWhy}`,
    consequences: [...chosenStyle.pros, ...chosenStyle.cons.map((con) => `Trade-off: ${con}`)],
    alternatives: styles.filter((style) => style !== chosenStyle).map((style) => style.name),
  };

  const constraints = unique([
    ...feedback.map((line) => `Review feedback: ${line}`),
    ...about.keyFacts.filter((fact) => /\d/.test(fact) || mentionedTerms(fact, constraintCues).length),
    // "Insurance billing is out of scope for now" says so already; a label would repeat it.
    ...about.outOfScope.map((item) => (isOutOfScopeSentence(item) ? item : `Out of scope for now: ${item}`)),
  ]).map((constraint) => truncate(constraint, 500));

  // The summary often is the idea's first goal sentence; the context quotes it once.
  const contextGoals = about.goals.filter(
    (goal) => !about.summary.toLowerCase().includes(goal.toLowerCase()),
  );
  // A context diagram shows someone using the system even before the idea names who.
  const diagramPeople = about.audience.length ? about.audience : ["Users"];

  return {
    // The audience is a list of the person's segments, quoted after a colon as they wrote them:
    // inside a sentence ("It serves Busy dog owners") their capitals would read as a new sentence,
    // and lowering them would also lower a name ("London commuters").
    context: truncate(
      joinSentences([
        `${name}: ${about.summary}`,
        about.audience.length ? `Audience: ${about.audience.join("; ")}` : "",
        contextGoals.length ? `The architecture must support these goals: ${contextGoals.join("; ")}` : "",
      ]),
      4_000,
    ),
    constraints: (constraints.length
      ? constraints
      : ["No hard constraints were stated: confirm budget, deadlines, compliance and expected load."]
    ).slice(0, 20),
    options: styles.map((style) => ({
      name: style.name,
      summary: style === chosenStyle ? `${style.summary} Chosen: ${styleWhy}` : style.summary,
      pros: style.pros,
      cons: style.cons,
      chosen: style === chosenStyle,
    })),
    stack: stack.map((choice) => ({
      area: choice.area.name,
      choice: choice.technology.name,
      rationale: truncate(
        joinSentences([
          `Needed because ${choice.areaEvidence}`,
          sourceSentence(choice),
          `Strengths: ${choice.technology.strengths.join("; ")}`,
        ]),
        1_500,
      ),
      tradeOffs: choice.technology.tradeOffs,
    })),
    decisions: [styleDecision, ...stack.map((choice, index) => stackDecision(choice, index + 1))].slice(
      0,
      30,
    ),
    diagrams: {
      context: contextDiagram({ name, summary: about.summary, audience: diagramPeople, stack }),
      container: containerDiagram({ name, summary: about.summary, audience: diagramPeople, stack }),
    },
  };
}
