import type { DiffOutput } from "@jeex/contracts/documents";
import { formatPatch, structuredPatch } from "diff";

interface VersionText {
  version: number;
  content: string;
}

/**
 * What one diff may cost. Myers' algorithm is O((N+M)·D): two unrelated 6,000-line versions
 * held the server for 12.5 s. Past either bound the answer is "too different to diff".
 */
export interface DiffLimits {
  /** Most added plus removed lines the diff will look for. */
  maxEditLines: number;
  /** Wall-clock budget for the search, in milliseconds. */
  timeoutMs: number;
}

export const defaultDiffLimits: DiffLimits = { maxEditLines: 2_000, timeoutMs: 2_000 };

/** A unified diff between two versions of one document, with line statistics, computed once. */
export function unifiedDiff(
  path: string,
  from: VersionText,
  to: VersionText,
  limits: DiffLimits = defaultDiffLimits,
): DiffOutput {
  const versions = { fromVersion: from.version, toVersion: to.version };
  const started = Date.now();
  const patch = structuredPatch(
    `${path}@v${from.version}`,
    `${path}@v${to.version}`,
    from.content,
    to.content,
    undefined,
    undefined,
    { maxEditLength: limits.maxEditLines, timeout: limits.timeoutMs },
  );
  if (!patch) {
    const timedOut = Date.now() - started >= limits.timeoutMs;
    return {
      ...versions,
      tooLarge: true,
      reason: timedOut ? "timeout" : "too-many-changes",
      message: timedOut
        ? `the versions are too different to diff within ${limits.timeoutMs} ms; open each version instead`
        : `the versions differ in more than ${limits.maxEditLines} lines; open each version instead`,
    };
  }
  let additions = 0;
  let deletions = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith("+")) additions++;
      else if (line.startsWith("-")) deletions++;
    }
  }
  return {
    ...versions,
    tooLarge: false,
    unified: formatPatch(patch),
    stats: { additions, deletions, hunks: patch.hunks.length },
  };
}
