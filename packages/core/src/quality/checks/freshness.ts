import type { QualityFinding } from "@jeex/contracts/quality";
import { findingsOf, type ReadPackFile } from "../pack-file.ts";

/**
 * Nothing out of date goes unnoticed: a document written before an upstream change is stale
 * (re-run or review its step), and a merge with conflict markers needs a person's decision
 * before the pack can be trusted.
 */
export function checkFreshness(files: ReadPackFile[]): QualityFinding[] {
  const { found, add } = findingsOf("freshness");
  for (const file of files) {
    if (file.needsReview)
      add(
        "error",
        "document-needs-review",
        file,
        null,
        `${file.path} is a merge with conflicts: accept it, take the agent's output or keep the edit.`,
      );
    if (file.stale)
      add(
        "warning",
        "document-stale",
        file,
        null,
        `${file.path} was written before an upstream document changed: re-run the ${file.step} step or review it.`,
      );
  }
  return found;
}
