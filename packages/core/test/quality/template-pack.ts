import type { AgentInput } from "../../src/agents/agent.ts";
import type { PackFile } from "../../src/quality/pack-file.ts";
import { draftAll } from "../agents/pipeline.ts";

/** The template provider's whole pack for an idea, as the quality checks read it. */
export function templatePack(overrides: Partial<AgentInput> = {}): PackFile[] {
  const { rendered } = draftAll({}, overrides);
  return Object.entries(rendered).flatMap(([step, documents]) =>
    documents.map((document, index) => ({
      path: document.path,
      step: step as PackFile["step"],
      kind: document.kind,
      title: document.title,
      version: 1,
      versionId: `00000000-0000-7000-8000-${String(index).padStart(12, "0")}`,
      content: document.content,
      stale: false,
      needsReview: false,
    })),
  );
}

/** `pack` with the content of one document replaced. */
export const withContent = (pack: PackFile[], path: string, edit: (content: string) => string): PackFile[] =>
  pack.map((file) =>
    file.path === path ? { ...file, content: edit(file.content), version: file.version + 1 } : file,
  );
