import { diff3Merge } from "node-diff3";

/** What a three-way merge of a person's edit with an agent's new output produced. */
export interface ThreeWayMerge {
  content: string;
  /** Regions both sides changed differently; each is kept between conflict markers. */
  conflicts: number;
}

export interface MergeSides {
  /** The agent version the person's edit started from. */
  base: string;
  /** The person's edit. */
  mine: string;
  /** The agent's new output. */
  agent: string;
  /** Shown after the markers, e.g. "your edit (version 3)" and "agent (run 0193…)". */
  labels: { mine: string; agent: string };
}

export const conflictMarkers = { mine: "<<<<<<<", divider: "=======", agent: ">>>>>>>" } as const;

/**
 * Line-granular three-way merge (diff3, node-diff3): changes only one side made are taken,
 * identical changes on both sides are taken once, and regions both changed differently keep both
 * texts between git-style markers, the person's first. Lines, not Markdown blocks: a block-level
 * merge would turn two edits to different sentences of one long paragraph into a conflict.
 */
export function mergeThreeWay({ base, mine, agent, labels }: MergeSides): ThreeWayMerge {
  const regions = diff3Merge(mine.split("\n"), base.split("\n"), agent.split("\n"), {
    excludeFalseConflicts: true,
  });
  const lines: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) lines.push(...region.ok);
    else if (region.conflict) {
      conflicts++;
      lines.push(
        `${conflictMarkers.mine} ${labels.mine}`,
        ...region.conflict.a,
        conflictMarkers.divider,
        ...region.conflict.b,
        `${conflictMarkers.agent} ${labels.agent}`,
      );
    }
  }
  return { content: lines.join("\n"), conflicts };
}

/** Whether text still holds a conflict region's opening or closing marker line. */
export function hasConflictMarkers(content: string): boolean {
  return content
    .split("\n")
    .some(
      (line) => line.startsWith(`${conflictMarkers.mine} `) || line.startsWith(`${conflictMarkers.agent} `),
    );
}
