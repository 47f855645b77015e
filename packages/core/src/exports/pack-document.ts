import type { Step } from "@jeex/contracts/steps";

/** The project as the pack names it. */
export interface PackProject {
  id: string;
  name: string;
  description: string;
}

/** One active document version going into the pack. */
export interface PackDocument {
  documentId: string;
  versionId: string;
  version: number;
  source: "agent" | "human" | "merged";
  step: Step;
  kind: string;
  /** Relative to the pack root, e.g. `docs/plans/01-infrastructure.md`. */
  path: string;
  title: string;
  content: string;
  stale: boolean;
  /** A merge of a re-run with a person's edit that still holds conflict markers. */
  needsReview?: boolean | undefined;
  versionCreatedAt: Date;
}
