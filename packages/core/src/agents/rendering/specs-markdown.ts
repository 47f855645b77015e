import type { SpecsOutput } from "@jeex/contracts/agents/specs";
import { type AgentInput, productName, type RenderedDocument, type RenderOptions } from "../agent.ts";
import { blocks, bullets, checklist, documentHead, oneLine, paragraph, table } from "./markdown.ts";

export function renderSpecsDocuments(
  output: SpecsOutput,
  input: AgentInput,
  options: RenderOptions | undefined,
): RenderedDocument[] {
  const title = `Engineering standards — ${productName(input)}`;
  const content = blocks(
    documentHead(title, options),
    paragraph(output.summary),
    "## Standards",
    output.standards
      .map((standard) => blocks(`### ${oneLine(standard.area)}`, bullets(standard.rules, "")).trimEnd())
      .join("\n\n"),
    "## Conventions",
    table(
      ["Topic", "Convention"],
      output.conventions.map((item) => [item.topic, item.rule]),
    ),
    "## Definition of done",
    checklist(output.definitionOfDone, "Not defined yet."),
    "## Quality gates",
    table(
      ["Gate", "Tool", "Threshold", "Blocks merge"],
      output.qualityGates.map((gate) => [gate.name, gate.tool, gate.threshold, gate.blocking ? "yes" : "no"]),
    ),
  );
  return [{ path: "docs/specs.md", kind: "specs", title, content }];
}
