import type { QualityFinding } from "@jeex/contracts/quality";
import {
  ABOUT_PATH,
  fileAt,
  filesOfKind,
  findingsOf,
  PLAN_OVERVIEW_PATH,
  type ReadPackFile,
  SPECS_PATH,
} from "../pack-file.ts";
import { listItems, sectionOf, wordsOf } from "../pack-markdown.ts";
import { resolveLink } from "./links.ts";

// What about-markdown.ts writes when the scope is empty: not an item to cover.
const EMPTY_SCOPE = "Nothing in scope yet.";

/**
 * A scope item is covered by an epic that names it: its words all appear in the epic's text
 * (title, goal, tasks), so "Record deliveries" is covered by `03 — Record deliveries` or by a
 * task "record deliveries from suppliers", whatever the order of the plan.
 */
const covers = (epicWords: Set<string>, item: string) => {
  const words = wordsOf(item);
  return words.length > 0 && words.every((word) => epicWords.has(word));
};

/**
 * Quality gates the plans can rely on, by the words that name them; a plan that mentions one
 * relies on the specs to define it (threshold, tool, whether it blocks the merge).
 */
const gateNames: { gate: string; words: string[] }[] = [
  { gate: "lint", words: ["lint"] },
  { gate: "type check", words: ["type check", "typecheck"] },
  { gate: "unit tests", words: ["unit test"] },
  { gate: "integration tests", words: ["integration test"] },
  { gate: "end-to-end tests", words: ["end-to-end", "e2e"] },
  { gate: "coverage", words: ["coverage"] },
  { gate: "dependency audit", words: ["audit"] },
  { gate: "accessibility", words: ["accessibility"] },
  { gate: "load test", words: ["load test"] },
];

const gatesNamedIn = (text: string) => {
  const lower = text.toLowerCase();
  return gateNames.filter(({ words }) => words.some((word) => lower.includes(word)));
};

/**
 * Traceability from the idea to the work: every in-scope item of about.md is covered by an epic,
 * every epic is listed in the plan overview, and the specs define the quality gates the plans
 * rely on. Steps not run yet are reported once (info), not as gaps.
 */
export function checkTraceability(files: ReadPackFile[]): QualityFinding[] {
  const { found, add } = findingsOf("traceability");
  const about = fileAt(files, ABOUT_PATH);
  const overview = fileAt(files, PLAN_OVERVIEW_PATH);
  const epics = filesOfKind(files, "plan-epic");
  if (!about || (!overview && epics.length === 0)) {
    add(
      "info",
      "plan-not-written",
      { path: overview?.path ?? PLAN_OVERVIEW_PATH },
      null,
      "Traceability is checked once about.md and the plan exist.",
    );
    return found;
  }

  const inScope = listItems(sectionOf(about.read, "In scope")).filter((item) => item.text !== EMPTY_SCOPE);
  if (inScope.length === 0)
    add("warning", "scope-empty", about, null, 'about.md lists nothing under "In scope": nothing to trace.');
  const epicWords = epics.map((epic) => ({ epic, words: new Set(wordsOf(epic.content)) }));
  for (const item of inScope) {
    if (!epicWords.some(({ words }) => covers(words, item.text)))
      add(
        "error",
        "scope-item-uncovered",
        about,
        item.line,
        `In-scope item "${item.text}" is not covered by any epic in docs/plans/.`,
      );
  }

  if (!overview) {
    add(
      "error",
      "plan-overview-missing",
      { path: PLAN_OVERVIEW_PATH },
      null,
      "The plan has epics but no overview listing them.",
    );
  } else {
    const listed = new Set(overview.read.links.map((link) => resolveLink(overview.path, link.target)));
    for (const epic of epics) {
      if (!listed.has(epic.path))
        add(
          "error",
          "epic-not-in-overview",
          epic,
          1,
          `Epic "${epic.title}" is not listed in docs/plans/overview.md.`,
        );
    }
  }

  checkGates(files, add);
  return found;
}

function checkGates(files: ReadPackFile[], add: ReturnType<typeof findingsOf>["add"]) {
  const plans = files.filter((file) => file.kind === "plan-overview" || file.kind === "plan-epic");
  const specs = fileAt(files, SPECS_PATH);
  if (!specs) return; // the specs step has not run yet: nothing to compare
  const gateLines = sectionOf(specs.read, "Quality gates").filter((line) => line.text.trim().startsWith("|"));
  // The header row and the `| --- |` row name no gate.
  const gatesText = gateLines
    .slice(2)
    .map((line) => line.text)
    .join("\n");
  if (!gatesText.trim()) {
    add(
      "error",
      "quality-gates-missing",
      specs,
      null,
      'docs/specs.md has no "Quality gates" table for the plans to rely on.',
    );
    return;
  }
  const defined = new Set(gatesNamedIn(gatesText).map(({ gate }) => gate));
  const reported = new Set<string>();
  for (const plan of plans) {
    for (const { line, text } of plan.read.prose) {
      for (const { gate } of gatesNamedIn(text)) {
        if (defined.has(gate) || reported.has(gate)) continue;
        reported.add(gate);
        add(
          "error",
          "quality-gate-undefined",
          plan,
          line,
          `The plan relies on a ${gate} gate that docs/specs.md does not define under "Quality gates".`,
        );
      }
    }
  }
}
