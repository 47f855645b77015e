import type { QualityFinding } from "@jeex/contracts/quality";
import { mermaidProblem } from "../mermaid-parse.ts";
import { findingsOf, type ReadPackFile } from "../pack-file.ts";

/** Every Mermaid block of the pack parses with Mermaid's own parser (what renders it later). */
export async function checkDiagrams(files: ReadPackFile[]): Promise<QualityFinding[]> {
  const { found, add } = findingsOf("diagrams");
  for (const file of files) {
    for (const block of file.read.mermaid) {
      const problem = await mermaidProblem(block.source);
      if (!problem) continue;
      // The fence is one line above the diagram's first line.
      const line = block.line + (problem.line ?? 0);
      add("error", "mermaid-invalid", file, line, `Mermaid diagram does not parse: ${problem.message}`);
    }
  }
  return found;
}
