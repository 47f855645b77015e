import type { AboutOutput } from "@jeex/contracts/agents/about";
import type { RenderedDocument, RenderOptions } from "../agent.ts";
import { blocks, bullets, checklist, documentHead, numbered, oneLine, paragraph } from "./markdown.ts";

export function renderAbout(output: AboutOutput, options: RenderOptions | undefined): RenderedDocument[] {
  const content = blocks(
    documentHead(output.title, options),
    "## Summary",
    paragraph(output.summary),
    "## Problem",
    paragraph(output.problem),
    "## Audience",
    bullets(
      output.audience.map((item) => `**${oneLine(item.segment)}** — ${item.needs}`),
      "No audience named yet.",
    ),
    "## Goals",
    numbered(output.goals),
    "## Key facts",
    bullets(output.keyFacts, "No key facts recorded yet."),
    "## Scope",
    "### In scope",
    bullets(output.scope.inScope, "Nothing in scope yet."),
    "### Out of scope",
    bullets(output.scope.outOfScope, "Nothing excluded yet."),
    "## Open questions",
    checklist(output.openQuestions, "No open questions."),
  );
  return [{ path: "docs/about.md", kind: "about", title: output.title, content }];
}
