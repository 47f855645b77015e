import type { AboutOutput } from "@jeex/contracts/agents/about";
import type { AgentInput } from "../../../agents/agent.ts";
import { draftAbout, unnamedAudience } from "./about-draft.ts";
import { sectionItems, sectionProse, sectionTable } from "./markdown-reading.ts";
import { areaNamed, findTechnology } from "./stack-catalog.ts";
import { resolveStack } from "./stack-resolution.ts";
import { indexOfTerm } from "./text.ts";

/**
 * What later drafts need from earlier documents, read from their active Markdown — so a person's
 * edits to `about.md` or `architecture.md` shape the next draft. When a document is missing, the
 * draft falls back to the idea itself.
 */

export const aboutPath = "docs/about.md";
export const architecturePath = "docs/architecture.md";

export const documentContent = (input: AgentInput, path: string): string | undefined =>
  input.documents.find((document) => document.path === path)?.content;

/** The person's own words: idea, audience and clarification answers. */
export const personText = (input: AgentInput): string =>
  [
    input.idea.idea,
    input.idea.audience ?? "",
    ...(input.idea.clarifications ?? []).map((item) => item.answer),
  ].join("\n");

export type AboutFacts = Pick<AboutOutput, "summary" | "problem" | "goals" | "keyFacts" | "openQuestions"> & {
  audience: string[];
  /** What the about document says each audience segment needs, in the order of `audience`. */
  audienceNeeds: string[];
  inScope: string[];
  outOfScope: string[];
};

type Segment = AboutOutput["audience"][number];

/** "Primary users" stands for nobody named: later drafts say "the first users", not the placeholder. */
const namedSegments = (segments: Segment[]): Segment[] =>
  segments.filter((item) => item.segment !== unnamedAudience);

/** "**Bakers** — need X": the segment is the part before the dash, its needs the part after. */
function segmentOf(item: string): Segment {
  const [segment = item, ...needs] = item.split(/\s[—–-]\s/);
  return { segment: segment.trim(), needs: needs.join(" — ").trim() };
}

export function readAbout(input: AgentInput): AboutFacts {
  const drafted = draftAbout({ ...input, feedback: undefined });
  const draftedSegments = namedSegments(drafted.audience);
  const fallback: AboutFacts = {
    ...drafted,
    audience: draftedSegments.map((item) => item.segment),
    audienceNeeds: draftedSegments.map((item) => item.needs),
    inScope: drafted.scope.inScope,
    outOfScope: drafted.scope.outOfScope,
  };
  const markdown = documentContent(input, aboutPath);
  if (!markdown) return fallback;
  const orFallback = <Value extends string | string[]>(value: Value, otherwise: Value): Value =>
    value.length ? value : otherwise;
  const writtenSegments = namedSegments(sectionItems(markdown, "Audience").map(segmentOf));
  const segments = sectionItems(markdown, "Audience").length ? writtenSegments : draftedSegments;
  return {
    summary: orFallback(sectionProse(markdown, "Summary"), fallback.summary),
    problem: orFallback(sectionProse(markdown, "Problem"), fallback.problem),
    audience: segments.map((item) => item.segment),
    audienceNeeds: segments.map((item) => item.needs),
    goals: orFallback(sectionItems(markdown, "Goals"), fallback.goals),
    keyFacts: sectionItems(markdown, "Key facts"),
    inScope: orFallback(sectionItems(markdown, "In scope"), fallback.inScope),
    outOfScope: sectionItems(markdown, "Out of scope"),
    openQuestions: sectionItems(markdown, "Open questions"),
  };
}

/** One row of the architecture's stack: `areaId` is set when the area is one the catalog knows. */
export interface StackEntry {
  areaId: string | null;
  area: string;
  choice: string;
  tradeOffs: string[];
}

/** The stack as the architecture document states it (after any human edits). */
export function readStack(input: AgentInput): StackEntry[] {
  const markdown = documentContent(input, architecturePath);
  const rows = markdown ? sectionTable(markdown, "Stack") : [];
  if (!rows.length) {
    return resolveStack(personText(input), []).map((choice) => ({
      areaId: choice.area.id,
      area: choice.area.name,
      choice: choice.technology.name,
      tradeOffs: choice.technology.tradeOffs,
    }));
  }
  return rows.flatMap(([area = "", choice = "", , tradeOffs = ""]) => {
    if (!area || !choice) return [];
    const areaId = areaNamed(area)?.id ?? findTechnology(choice)?.area.id ?? null;
    return [
      { areaId, area, choice, tradeOffs: tradeOffs.split(/;\s*/).filter((item) => item && item !== "—") },
    ];
  });
}

export interface DecisionEntry {
  id: string;
  title: string;
}

/** Decision ids and titles from the architecture's decision table. */
export function readDecisions(input: AgentInput): DecisionEntry[] {
  const markdown = documentContent(input, architecturePath);
  return (markdown ? sectionTable(markdown, "Decisions") : []).flatMap(([id = "", title = ""]) =>
    /^ADR-\d{3}$/.test(id) && title ? [{ id, title }] : [],
  );
}

/** The stack area a decision is about: the entry whose choice its title names. */
export const decisionArea = (decision: DecisionEntry, stack: StackEntry[]): string | null =>
  stack.find((entry) => indexOfTerm(decision.title, entry.choice) >= 0)?.areaId ?? null;

/** Epic titles of the plan, from the overview's epic table. */
export function readEpicTitles(input: AgentInput): string[] {
  const overview = documentContent(input, "docs/plans/overview.md");
  return (overview ? sectionTable(overview, "Epics") : []).flatMap(([, title = ""]) =>
    title ? [title] : [],
  );
}
