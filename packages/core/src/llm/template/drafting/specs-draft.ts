import type { SpecsOutput } from "@jeex/contracts/agents/specs";
import { type AgentInput, productName } from "../../../agents/agent.ts";
import { languageName } from "../../../agents/language.ts";
import { readDecisions, readEpicTitles, readStack, type StackEntry } from "./earlier-documents.ts";
import { feedbackLines } from "./feedback.ts";
import { areaById, inProse } from "./stack-catalog.ts";
import { contentWords, listInProse, truncate } from "./text.ts";

type Standard = SpecsOutput["standards"][number];

const alwaysStandards: Standard[] = [
  {
    area: "Security",
    rules: [
      "Secrets come from the environment or a secret manager, never from the repository",
      "Dependencies are audited in CI; critical vulnerabilities block the merge",
      "Every service account and database role has the least privilege it needs",
    ],
  },
];

function standardFor(entry: StackEntry): Standard {
  const area = entry.areaId ? areaById(entry.areaId) : undefined;
  const technology = area?.technologies.find((item) => item.name === entry.choice);
  const rules = [...(technology?.standards ?? []), ...(area?.standards ?? [])];
  return {
    area: truncate(`${entry.area} (${entry.choice})`, 80),
    rules: rules.length ? rules : [`Follow the ${entry.choice} practices adopted in docs/architecture.md`],
  };
}

/**
 * Drafts the standards from the architecture's stack (rules and tool chain per chosen
 * technology), its decision log and the plan's epics. Review feedback becomes a rule of the area
 * it names, or a convention of its own.
 */
export function draftSpecs(input: AgentInput): SpecsOutput {
  const name = productName(input);
  const stack = readStack(input);
  const decisions = readDecisions(input);
  const epics = readEpicTitles(input);
  const feedback = feedbackLines(input.feedback);
  const choice = (areaId: string) => stack.find((entry) => entry.areaId === areaId)?.choice;
  const backend = choice("backend");
  const toolchain = areaById("backend")?.technologies.find((item) => item.name === backend)?.toolchain;
  const database = choice("database");

  const documentation: Standard = {
    area: "Documentation",
    rules: [
      `Every significant decision gets an ADR in docs/adr/, continuing after ${decisions.at(-1)?.id ?? "ADR-001"}`,
      "docs/ changes in the same pull request as the behaviour it describes",
      `Documentation is written in ${languageName(input.project.language)}`,
    ],
  };
  const standards = [...stack.map(standardFor), ...alwaysStandards, documentation];
  const conventions: SpecsOutput["conventions"] = [
    {
      topic: "Naming",
      rule: toolchain?.naming ?? "One naming style per language, enforced by the formatter",
    },
    { topic: "Commits", rule: "Conventional Commits (feat:, fix:, docs:, …) so changelogs can be generated" },
    { topic: "Branches", rule: "Short-lived branches from main, merged by pull request after one review" },
    {
      topic: "Language",
      rule: `Code and identifiers in English; documentation in ${languageName(input.project.language)}`,
    },
    { topic: "Plans", rule: "Work items reference their epic file in docs/plans/ (NN-<slug>.md)" },
  ];

  for (const line of feedback) {
    const lineWords = contentWords(line);
    const target = standards.find((standard) =>
      contentWords(standard.area).some((word) => lineWords.includes(word)),
    );
    const rule = truncate(`Review feedback: ${line}`, 400);
    if (target) target.rules = [...target.rules, rule].slice(0, 12);
    else conventions.push({ topic: "Review feedback", rule: truncate(line, 500) });
  }

  const tests = toolchain?.tests ?? "the test runner";
  const qualityGates: SpecsOutput["qualityGates"] = [
    {
      name: "Lint and format",
      tool: toolchain?.lint ?? "the language's linter",
      threshold: "0 errors",
      blocking: true,
    },
    { name: "Type check", tool: toolchain?.types ?? "the compiler", threshold: "0 errors", blocking: true },
    {
      name: "Unit tests",
      tool: tests,
      threshold: "all pass; at least 80% line coverage of domain code",
      blocking: true,
    },
    {
      name: "Integration tests",
      tool: truncate(`${tests} against a real ${database ?? "database"}`, 120),
      threshold: "all pass",
      blocking: true,
    },
    // The plan's testing epic runs end-to-end tests of every journey; the gate says when they block.
    {
      name: "End-to-end tests",
      tool: choice("frontend")
        ? "Playwright"
        : choice("mobile")
          ? "Maestro"
          : `${tests} against a running build`,
      threshold: "every journey of the plan passes",
      blocking: true,
    },
    {
      name: "Dependency audit",
      tool: toolchain?.audit ?? "the ecosystem's audit tool",
      threshold: "no critical or high findings",
      blocking: true,
    },
    ...(choice("frontend")
      ? [
          {
            name: "Accessibility",
            tool: "axe-core",
            threshold: "no serious or critical violations",
            blocking: true,
          },
        ]
      : []),
    { name: "Load test", tool: "k6", threshold: "p95 latency within the agreed budget", blocking: false },
    {
      name: "Documentation readability",
      tool: "Flesch reading ease",
      threshold: "at least 30 for docs/*.md",
      blocking: false,
    },
  ];

  return {
    summary: truncate(
      [
        `Engineering standards for ${name}${stack.length ? `, built with ${listInProse(stack.map((entry) => inProse(entry.choice)))}` : ""}.`,
        epics.length
          ? `They apply to every one of the ${epics.length} epics in docs/plans/.`
          : "They apply to every epic in docs/plans/.",
        "A change is done only when the definition of done holds and every blocking quality gate passes.",
      ].join(" "),
      1_500,
    ),
    standards: standards.slice(0, 16),
    conventions: conventions.slice(0, 30),
    definitionOfDone: [
      "Reviewed and approved by another engineer",
      "All blocking quality gates pass in CI",
      "The epic's acceptance criteria in docs/plans/ are met and shown in staging",
      "Tests cover the new behaviour, including failure paths",
      ...(database ? [`${database} changes ship as reviewed migrations`] : []),
      "Docs and ADRs updated in the same change",
      "New endpoints log and trace with request ids",
    ],
    qualityGates,
  };
}
