import type { Epic, PlanOutput } from "@jeex/contracts/agents/plan";
import { type AgentInput, productName, type RenderedDocument, type RenderOptions } from "../agent.ts";
import {
  blocks,
  bullets,
  checklist,
  documentHead,
  fenced,
  numbered,
  oneLine,
  paragraph,
  table,
} from "./markdown.ts";

/** `01-infrastructure.md`: the two-digit number keeps files in plan order. */
export const epicFileName = (epic: Epic): string => `${String(epic.number).padStart(2, "0")}-${epic.slug}.md`;

const epicHeading = (epic: Epic): string =>
  `${String(epic.number).padStart(2, "0")} — ${oneLine(epic.title)}`;

const epicLink = (epics: Epic[], number: number): string => {
  const epic = epics.find((item) => item.number === number);
  return epic ? `[${epicHeading(epic)}](${epicFileName(epic)})` : `Epic ${number}`;
};

/** Mermaid flowchart of the dependencies, so the order is visible at a glance. */
function dependencyGraph(epics: Epic[]): string {
  const nodes = epics.map((epic) => `  e${epic.number}["${epicHeading(epic).replace(/"/g, "'")}"]`);
  const edges = epics.flatMap((epic) =>
    epic.dependsOn.map((dependency) => `  e${dependency} --> e${epic.number}`),
  );
  return ["flowchart LR", ...nodes, ...edges].join("\n");
}

function renderOverview(output: PlanOutput, title: string, options: RenderOptions | undefined): string {
  return blocks(
    documentHead(title, options),
    paragraph(output.overview),
    "## Epics",
    table(
      ["#", "Epic", "Kind", "Depends on"],
      output.epics.map((epic) => [
        String(epic.number).padStart(2, "0"),
        `[${oneLine(epic.title)}](${epicFileName(epic)})`,
        epic.kind,
        epic.dependsOn.map((number) => String(number).padStart(2, "0")).join(", "),
      ]),
    ),
    "## Order",
    fenced("mermaid", dependencyGraph(output.epics)),
    "## Risks",
    bullets(output.risks, "No risks recorded."),
  );
}

function renderEpic(epic: Epic, epics: Epic[], options: RenderOptions | undefined): string {
  return blocks(
    documentHead(epicHeading(epic), options),
    `- **Kind:** ${epic.kind}\n- **Depends on:** ${epic.dependsOn.length ? epic.dependsOn.map((number) => epicLink(epics, number)).join(", ") : "nothing"}\n- **Plan:** [Overview](overview.md)`,
    "## Goal",
    paragraph(epic.goal),
    "## Tasks",
    numbered(epic.tasks),
    "## Acceptance criteria",
    checklist(epic.acceptanceCriteria, "None recorded."),
  );
}

export function renderPlanDocuments(
  output: PlanOutput,
  input: AgentInput,
  options: RenderOptions | undefined,
): RenderedDocument[] {
  const title = `Plan — ${productName(input)}`;
  return [
    {
      path: "docs/plans/overview.md",
      kind: "plan-overview",
      title,
      content: renderOverview(output, title, options),
    },
    ...output.epics.map((epic) => ({
      path: `docs/plans/${epicFileName(epic)}`,
      kind: "plan-epic",
      title: epicHeading(epic),
      content: renderEpic(epic, output.epics, options),
    })),
  ];
}
