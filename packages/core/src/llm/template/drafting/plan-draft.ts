import type { Epic, PlanOutput } from "@jeex/contracts/agents/plan";
import { type AgentInput, productName } from "../../../agents/agent.ts";
import { slugify } from "../../../agents/slug.ts";
import {
  type DecisionEntry,
  decisionArea,
  personText,
  readAbout,
  readDecisions,
  readStack,
  type StackEntry,
} from "./earlier-documents.ts";
import { addition, feedbackLines, isExclusion } from "./feedback.ts";
import { areaById, inProse } from "./stack-catalog.ts";
import { asWrittenIn, capitalise, contentWords, listInProse, truncate, unique } from "./text.ts";

type EpicDraft = Omit<Epic, "number" | "dependsOn">;

/** Areas that become an integration epic of their own, in this order. */
const integrationAreas = ["search", "realtime", "jobs", "files", "ai", "payments"];
/** Areas the infrastructure epic sets up. */
const foundationAreas = ["backend", "database", "frontend", "mobile", "hosting", "observability"];

const choiceFor = (stack: StackEntry[], areaId: string): string | undefined =>
  stack.find((entry) => entry.areaId === areaId)?.choice;

const adrTasks = (decisions: DecisionEntry[]): string[] =>
  decisions.map((decision) => truncate(`Apply ${decision.id}: ${decision.title}`, 400));

function infrastructureEpic(name: string, stack: StackEntry[], decisions: DecisionEntry[]): EpicDraft {
  const backend = choiceFor(stack, "backend") ?? "the backend";
  const database = choiceFor(stack, "database") ?? "the database";
  const hostingChoice = choiceFor(stack, "hosting");
  const hosting = hostingChoice ? inProse(hostingChoice) : "the chosen hosting";
  const clients = [choiceFor(stack, "frontend"), choiceFor(stack, "mobile")].filter(
    (client): client is string => client !== undefined,
  );
  return {
    slug: "infrastructure",
    title: "Infrastructure and delivery pipeline",
    kind: "infrastructure",
    goal: truncate(
      `A deployable skeleton of ${name}: ${backend} with ${database}, built, tested and deployed by CI to ${hosting}.`,
      1_200,
    ),
    tasks: [
      `Repository, ${backend} service skeleton and CI pipeline (lint, type check, tests)`,
      `Provision ${database} with versioned migrations`,
      `Container image and deployment to ${hosting}`,
      "Configuration from environment variables, validated at start-up",
      ...clients.map((client) => `${client} project built and deployed by CI`),
      ...(choiceFor(stack, "observability")
        ? [`${choiceFor(stack, "observability")} wired into every service`]
        : []),
      ...adrTasks(decisions),
    ].slice(0, 20),
    acceptanceCriteria: [
      "CI builds, checks and tests every change",
      "A merge to main deploys to a staging environment without manual steps",
      `A health endpoint reports ${database} connectivity`,
    ],
  };
}

function authenticationEpic(choice: string, audience: string[], decisions: DecisionEntry[]): EpicDraft {
  return {
    slug: "authentication",
    title: "Authentication and access control",
    kind: "authentication",
    goal: truncate(
      `People sign in with ${choice}, and each sees and does only what their role allows.`,
      1_200,
    ),
    tasks: [
      `Sign-in and sign-out with ${choice}`,
      "Server-side sessions that can be revoked",
      audience.length > 1
        ? truncate(`Roles for ${listInProse(audience)} in one permission matrix`, 400)
        : "Roles in one permission matrix, checked on every request",
      ...adrTasks(decisions),
    ],
    acceptanceCriteria: [
      "A person can sign in and sign out",
      "Requests without a valid session are rejected",
      "Each role can do exactly what the permission matrix allows, and nothing more",
    ],
  };
}

/** Who a feature is for, as the about document's audience section reads. */
interface Audience {
  /** Capitalised, for the start of a sentence: "Dog walkers can complete …". */
  segments: string[];
  /** As the person wrote them, for inside a sentence: "Deliver … for dog walkers". */
  written: string[];
  needs: string[];
}

/**
 * The segments whose needs share the most words with the feature ("Patients" for "book
 * appointments online", "Managers" for "review reports"); every segment when none do.
 */
function servedBy(item: string, audience: Audience): number[] {
  const itemWords = new Set(contentWords(item));
  const overlap = audience.segments.map(
    (_, index) =>
      unique(contentWords(audience.needs[index] ?? "")).filter((word) => itemWords.has(word)).length,
  );
  const best = Math.max(0, ...overlap);
  return audience.segments.flatMap((_, index) => (!best || overlap[index] === best ? [index] : []));
}

function featureEpic(
  item: string,
  stack: StackEntry[],
  audience: Audience,
  goals: string[],
  secured: boolean,
): EpicDraft {
  const itemWords = new Set(contentWords(item));
  // The goal that shares the most words, not the first that shares any ("lessons" in both).
  const shared = (text: string): number =>
    unique(contentWords(text)).filter((word) => itemWords.has(word)).length;
  const relatedGoal = goals.reduce<string | undefined>(
    (best, goal) => (shared(goal) > (best === undefined ? 0 : shared(best)) ? goal : best),
    undefined,
  );
  const clients = [choiceFor(stack, "frontend"), choiceFor(stack, "mobile")].filter(
    (client): client is string => client !== undefined,
  );
  const served = servedBy(item, audience);
  const who = audience.segments[served[0] ?? -1] ?? "A user";
  const forWhom = listInProse(served.map((index) => audience.written[index] ?? ""));
  return {
    slug: slugify(item),
    title: truncate(capitalise(item), 120),
    kind: "feature",
    goal: truncate(
      `Deliver "${item}" for ${forWhom || "the first users"}.${relatedGoal ? ` Serves the goal: ${relatedGoal}.` : ""}`,
      1_200,
    ),
    tasks: [
      `Data model and ${choiceFor(stack, "database") ?? "database"} migrations for "${item}"`,
      `${choiceFor(stack, "backend") ?? "API"} endpoints for "${item}", with input validation`,
      ...clients.map((client) => `${client} screens for "${item}"`),
      `Tests for the main "${item}" scenarios, including failures`,
    ].map((task) => truncate(task, 400)),
    acceptanceCriteria: [
      truncate(`${who} can complete "${item}" end to end in staging`, 400),
      "Invalid input is rejected with clear, field-level errors",
      ...(secured ? ["Only people allowed to see the data can see or change it"] : []),
    ],
  };
}

/** "Payments work", "File storage works": a verb that agrees with an area's name. */
const agreesWith = (subject: string, verb: string): string =>
  /[^s]s$/i.test(subject.trim().split(/\s+/).at(-1) ?? "") ? verb : `${verb}s`;

function integrationEpic(entry: StackEntry, decisions: DecisionEntry[]): EpicDraft {
  const area = entry.areaId ? areaById(entry.areaId) : undefined;
  const subject = area?.name ?? entry.area;
  return {
    slug: slugify(area?.id ?? entry.choice),
    title: truncate(area ? `${area.name}: ${entry.choice}` : `Integrate ${entry.choice}`, 120),
    kind: "integration",
    goal: truncate(
      `${area?.need ?? `${entry.area} is part of the stack.`} Delivered with ${inProse(entry.choice)}.`,
      1_200,
    ),
    tasks: [...(area?.planTasks ?? [`Set up ${entry.choice} and its configuration`]), ...adrTasks(decisions)],
    acceptanceCriteria: [
      truncate(
        `${subject} ${agreesWith(subject, "work")} end to end in staging with ${inProse(entry.choice)}`,
        400,
      ),
      truncate(`Failures of ${inProse(entry.choice)} are retried or reported, never silent`, 400),
    ],
  };
}

function testingEpic(stack: StackEntry[], features: EpicDraft[]): EpicDraft {
  const backend = choiceFor(stack, "backend");
  const tests =
    (backend
      ? areaById("backend")?.technologies.find((item) => item.name === backend)?.toolchain?.tests
      : undefined) ?? "the test runner";
  return {
    slug: "testing",
    title: "Testing and quality",
    kind: "testing",
    goal: "Every journey the plan delivers is covered by automated tests that run on every change.",
    tasks: [
      `Unit tests for domain rules with ${tests}`,
      `Integration tests against a real ${choiceFor(stack, "database") ?? "database"}`,
      truncate(
        features.length
          ? `End-to-end tests for: ${features.map((feature) => feature.title).join("; ")}`
          : "End-to-end tests for the main journeys",
        400,
      ),
      "Load test of the busiest endpoints against the agreed latency budget",
      "Security checks: dependency audit and access-rule tests",
    ],
    acceptanceCriteria: [
      "All test suites run in CI on every change and block merges when they fail",
      "Every epic's acceptance criteria have at least one automated test",
      "The coverage threshold in docs/specs.md is met",
    ],
  };
}

/** Best-matching epic for a feedback line, by shared content words; null when nothing matches. */
function matchingEpic(line: string, epics: EpicDraft[]): EpicDraft | null {
  const lineWords = contentWords(line);
  let best: { epic: EpicDraft; score: number } | null = null;
  for (const epic of epics) {
    const epicWords = new Set(contentWords(`${epic.title} ${epic.slug.replace(/-/g, " ")}`));
    const score = lineWords.filter((word) => epicWords.has(word)).length;
    if (score > 0 && (!best || score > best.score)) best = { epic, score };
  }
  return best?.epic ?? null;
}

/** Numbers epics in order; each depends on the foundation epics before it, testing on all. */
function numbered(epics: EpicDraft[]): Epic[] {
  return epics.map((epic, index) => {
    const earlier = epics.slice(0, index).map((_, at) => at + 1);
    const foundations = epics
      .slice(0, index)
      .flatMap((other, at) =>
        other.kind === "infrastructure" || other.kind === "authentication" ? [at + 1] : [],
      );
    return { ...epic, number: index + 1, dependsOn: epic.kind === "testing" ? earlier : foundations };
  });
}

/**
 * Drafts the plan from the architecture's stack and decisions (each ADR lands as a task in the
 * epic it concerns) and the about document's scope: infrastructure first, then authentication,
 * one epic per in-scope item, one per integration area, testing last. Review feedback can drop
 * an epic ("drop payments"), add one ("add an epic for reporting") or add a task to the epic it
 * names.
 */
export function draftPlan(input: AgentInput): PlanOutput {
  const name = productName(input);
  const about = readAbout(input);
  const written = about.audience.map((segment) => asWrittenIn(segment, personText(input)));
  const audience: Audience = { segments: about.audience, written, needs: about.audienceNeeds };
  const stack = readStack(input);
  const decisions = readDecisions(input);
  const feedback = feedbackLines(input.feedback);
  const decisionsFor = (areaIds: (string | null)[]) =>
    decisions.filter((decision) => areaIds.includes(decisionArea(decision, stack)));

  const authentication = choiceFor(stack, "authentication");
  // Every in-scope item gets its epic (the quality report traces each one); the deliverables cap
  // below trims integrations first.
  const features = unique(about.inScope).map((item) =>
    featureEpic(item, stack, audience, about.goals, authentication !== undefined),
  );
  const integrations = stack
    .filter((entry) => entry.areaId === null || integrationAreas.includes(entry.areaId))
    .map((entry) => integrationEpic(entry, decisionsFor([entry.areaId])));

  let middle: EpicDraft[] = [
    ...(authentication
      ? [authenticationEpic(authentication, written, decisionsFor(["authentication"]))]
      : []),
    ...features,
    ...integrations,
  ];
  const applied: string[] = [];
  for (const line of feedback) {
    const added = addition(line);
    const target = matchingEpic(line, middle);
    if (added && (/\bepic\b/i.test(line) || !target)) {
      middle.push(featureEpic(added, stack, audience, about.goals, authentication !== undefined));
    } else if (isExclusion(line) && target) {
      middle = middle.filter((epic) => epic !== target);
    } else if (target) {
      target.tasks = [...target.tasks, truncate(`Review feedback: ${line}`, 400)].slice(0, 20);
    }
    applied.push(line);
  }

  const infrastructure = infrastructureEpic(name, stack, decisionsFor([...foundationAreas, null]));
  const deliverables = middle.slice(0, 18);
  const epics = numbered([
    infrastructure,
    ...deliverables,
    testingEpic(
      stack,
      deliverables.filter((epic) => epic.kind === "feature"),
    ),
  ]);
  // Epic slugs double as file names; a repeated slug gets its number appended.
  const seen = new Set<string>();
  for (const epic of epics) {
    if (seen.has(epic.slug)) epic.slug = `${epic.slug.slice(0, 45)}-${epic.number}`;
    seen.add(epic.slug);
  }

  const count = (kind: Epic["kind"], noun: string): string => {
    const n = epics.filter((epic) => epic.kind === kind).length;
    return n ? `${n} ${noun} epic${n === 1 ? "" : "s"}` : "";
  };
  const middleParts = [
    authentication ? "authentication" : "",
    count("feature", "feature"),
    count("integration", "integration"),
  ].filter(Boolean);
  const overview = [
    `${name} is delivered in ${epics.length} epics: infrastructure first, ${middleParts.length ? `then ${middleParts.join(", ")}, ` : ""}and testing last.`,
    `Feature epics come from the scope in docs/about.md; the stack from docs/architecture.md (${stack.map((entry) => `${entry.area}: ${entry.choice}`).join("; ")}).`,
    decisions.length
      ? `Each of its ${decisions.length} decisions (${decisions[0]?.id} to ${decisions.at(-1)?.id}) is a task in the epic it concerns.`
      : "",
    applied.length ? `Review feedback applied: ${applied.map((line) => `"${line}"`).join("; ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");

  return {
    overview: truncate(overview, 4_000),
    epics,
    risks: unique([
      ...stack.flatMap((entry) =>
        entry.tradeOffs.slice(0, 1).map((tradeOff) => `${entry.choice}: ${tradeOff}`),
      ),
      ...about.openQuestions.map((question) => `Open question: ${question}`),
    ])
      .slice(0, 12)
      .map((risk) => truncate(risk, 400)),
  };
}
