import type { QualityCheck, QualityFinding, QualitySeverity } from "@jeex/contracts/quality";
import type { Step } from "@jeex/contracts/steps";
import { type ReadDocument, readDocument } from "./pack-markdown.ts";

/** One active document of a pack, as the checks read it (plain data: it crosses to a thread). */
export interface PackFile {
  path: string;
  step: Step;
  kind: string;
  title: string;
  version: number;
  versionId: string;
  content: string;
  stale: boolean;
  needsReview: boolean;
}

/** A pack file with its Markdown read once for every check. */
export interface ReadPackFile extends PackFile {
  read: ReadDocument;
}

export const readPack = (files: PackFile[]): ReadPackFile[] =>
  files.map((file) => ({ ...file, read: readDocument(file.content) }));

/** Builds the findings of one check, each tied to a document, its version and a line. */
export function findingsOf(check: QualityCheck) {
  const found: QualityFinding[] = [];
  return {
    found,
    add(
      severity: QualitySeverity,
      code: string,
      at: { path: string; version?: number | null | undefined },
      line: number | null,
      message: string,
    ) {
      found.push({ check, code, severity, path: at.path, version: at.version ?? null, line, message });
    },
  };
}

export const ABOUT_PATH = "docs/about.md";
export const ARCHITECTURE_PATH = "docs/architecture.md";
export const PLAN_OVERVIEW_PATH = "docs/plans/overview.md";
export const SPECS_PATH = "docs/specs.md";

export const fileAt = (files: ReadPackFile[], path: string) => files.find((file) => file.path === path);
export const filesOfKind = (files: ReadPackFile[], kind: string) =>
  files.filter((file) => file.kind === kind);
