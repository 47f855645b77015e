import { createTwoFilesPatch, diffLines } from "diff";

interface VersionText {
  version: number;
  content: string;
}

/** A unified diff between two versions of one document, with line statistics. */
export function unifiedDiff(path: string, from: VersionText, to: VersionText) {
  const unified = createTwoFilesPatch(
    `${path}@v${from.version}`,
    `${path}@v${to.version}`,
    from.content,
    to.content,
  );
  let additions = 0;
  let deletions = 0;
  for (const change of diffLines(from.content, to.content)) {
    if (change.added) additions += change.count ?? 0;
    if (change.removed) deletions += change.count ?? 0;
  }
  const hunks = unified.split("\n").filter((line) => line.startsWith("@@")).length;
  return { unified, stats: { additions, deletions, hunks } };
}
