import { randomUUID } from "node:crypto";
import type { Step } from "@jeex/contracts/steps";
import type { PackDocument, PackProject } from "../../src/exports/pack-document.ts";
import { draftAll } from "../agents/pipeline.ts";

export const project: PackProject = {
  id: randomUUID(),
  name: "Crumb: Bakery Stock & Waste",
  description: "Stock tracking for small bakeries.",
};

/** The four template drafts as active versions, created one second apart from `from`. */
export function templatePack(from = new Date("2026-03-01T10:00:00.000Z")): PackDocument[] {
  const { rendered } = draftAll();
  const steps = Object.keys(rendered) as Step[];
  return steps.flatMap((step) =>
    rendered[step].map((doc, index) => ({
      documentId: randomUUID(),
      versionId: randomUUID(),
      version: 1,
      source: "agent" as const,
      step,
      kind: doc.kind,
      path: doc.path,
      title: doc.title,
      content: doc.content,
      stale: false,
      versionCreatedAt: new Date(from.getTime() + steps.indexOf(step) * 60_000 + index * 1000),
    })),
  );
}
