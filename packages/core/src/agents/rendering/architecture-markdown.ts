import type { ArchitectureDecision, ArchitectureOutput } from "@jeex/contracts/agents/architecture";
import { type AgentInput, productName, type RenderedDocument, type RenderOptions } from "../agent.ts";
import { slugify } from "../slug.ts";
import { blocks, bullets, documentHead, fenced, oneLine, paragraph, table } from "./markdown.ts";

/** `ADR-001-use-postgresql-for-the-primary-database.md`: the id keeps it unique, the slug readable. */
export const adrFileName = (decision: ArchitectureDecision): string =>
  `${decision.id}-${slugify(decision.title)}.md`;

const statusLabel = (status: ArchitectureDecision["status"]): string =>
  status.charAt(0).toUpperCase() + status.slice(1);

function renderOptions(output: ArchitectureOutput): string {
  return output.options
    .map((option) =>
      blocks(
        `### ${oneLine(option.name)}${option.chosen ? " (chosen)" : ""}`,
        paragraph(option.summary),
        "**Pros**",
        bullets(option.pros, "None noted."),
        "**Cons**",
        bullets(option.cons, "None noted."),
      ).trimEnd(),
    )
    .join("\n\n");
}

function renderArchitecture(
  output: ArchitectureOutput,
  title: string,
  options: RenderOptions | undefined,
): string {
  return blocks(
    documentHead(title, options),
    "## Context",
    paragraph(output.context),
    "## Constraints",
    bullets(output.constraints, "No constraints recorded."),
    "## Options considered",
    renderOptions(output),
    "## Stack",
    table(
      ["Area", "Choice", "Rationale", "Trade-offs"],
      output.stack.map((item) => [item.area, item.choice, item.rationale, item.tradeOffs.join("; ")]),
    ),
    "## Decisions",
    table(
      ["ID", "Decision", "Status"],
      output.decisions.map((decision) => [
        `[${decision.id}](adr/${adrFileName(decision)})`,
        decision.title,
        statusLabel(decision.status),
      ]),
    ),
    "## Diagrams",
    "### System context (C4)",
    fenced("mermaid", output.diagrams.context),
    "### Containers (C4)",
    fenced("mermaid", output.diagrams.container),
  );
}

function renderDecision(decision: ArchitectureDecision, options: RenderOptions | undefined): string {
  return blocks(
    documentHead(`${decision.id}: ${decision.title}`, options),
    `- **Status:** ${statusLabel(decision.status)}\n- **Part of:** [Architecture](../architecture.md)`,
    "## Context",
    paragraph(decision.context),
    "## Decision",
    paragraph(decision.decision),
    "## Consequences",
    bullets(decision.consequences, "None recorded."),
    "## Alternatives considered",
    bullets(decision.alternatives, "None recorded."),
  );
}

export function renderArchitectureDocuments(
  output: ArchitectureOutput,
  input: AgentInput,
  options: RenderOptions | undefined,
): RenderedDocument[] {
  const title = `Architecture — ${productName(input)}`;
  return [
    {
      path: "docs/architecture.md",
      kind: "architecture",
      title,
      content: renderArchitecture(output, title, options),
    },
    ...output.decisions.map((decision) => ({
      path: `docs/adr/${adrFileName(decision)}`,
      kind: "adr",
      title: `${decision.id}: ${decision.title}`,
      content: renderDecision(decision, options),
    })),
  ];
}
