import { type Step, steps } from "@jeex/contracts/steps";
import type { PackDocument, PackProject } from "./pack-document.ts";

const sectionTitle: Record<Step, string> = {
  about: "About",
  architecture: "Architecture",
  plan: "Plan",
  specs: "Engineering standards",
};

/** Reading order inside a step: its main document first, then the ones that detail it. */
const kindOrder = ["about", "architecture", "adr", "plan-overview", "plan-epic", "specs"];
const rankOf = (kind: string) => {
  const rank = kindOrder.indexOf(kind);
  return rank === -1 ? kindOrder.length : rank;
};

const sourceNote: Record<PackDocument["source"], string> = {
  agent: "drafted by an agent",
  human: "edited by a person",
  merged: "an agent's re-run merged with a person's edit",
};

export function readingOrder(documents: PackDocument[]): PackDocument[] {
  return [...documents].sort(
    (a, b) =>
      steps.indexOf(a.step) - steps.indexOf(b.step) ||
      rankOf(a.kind) - rankOf(b.kind) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

/** Link text must not break out of `[...]`. */
const linkText = (title: string) => title.replace(/([\\[\]])/g, "\\$1").replace(/\s+/g, " ");

/** `<slug>/README.md`: the pack's index, linking every document in reading order. */
export function renderPackReadme(
  project: PackProject,
  documents: PackDocument[],
  generatedAt: string,
): string {
  const lines = [`# ${project.name}`, ""];
  if (project.description.trim()) lines.push(project.description.trim(), "");
  lines.push(
    `Documentation pack exported from JEEX Plan: the active version of every document as of ${generatedAt}.`,
    "`manifest.json` lists each file with its document id, version, source and SHA-256.",
    "",
  );
  const ordered = readingOrder(documents);
  for (const step of steps) {
    const inStep = ordered.filter((doc) => doc.step === step);
    if (inStep.length === 0) continue;
    lines.push(`## ${sectionTitle[step]}`, "");
    for (const doc of inStep) {
      const notes = [`version ${doc.version}`, sourceNote[doc.source]];
      if (doc.needsReview)
        notes.push("needs review: holds conflict markers between a person's edit and a re-run");
      if (doc.stale) notes.push("stale: written before an upstream change");
      lines.push(`- [${linkText(doc.title)}](${encodeURI(doc.path)}) — ${notes.join(", ")}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
