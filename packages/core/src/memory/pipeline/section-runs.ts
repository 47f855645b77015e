import type { MarkdownSection } from "./markdown-sections.ts";

/** Consecutive sections as one text, named by their headings. */
export interface SectionRun {
  heading: string;
  text: string;
}

/** Longest heading a run of sections gets: its first section's path, then its later titles. */
export const longestRunHeading = 400;

interface OpenRun {
  heading: string;
  headingCut: boolean;
  parts: string[];
  length: number;
}

/**
 * Consecutive sections as one text, a run closed once it spans `minChars` or the next section would
 * not fit in `maxChars`. So every run but the last spans `minChars` of the document, or is followed
 * by a section longer than `maxChars - minChars`: at most length / minChars + length /
 * (maxChars - minChars) + 1 runs, however many headings there are.
 *
 * The later sections' heading lines stay in the run's text as written, so their words are embedded
 * and reach the agents, whose prompts quote the text without the heading. The run's heading is
 * its first section's path followed by the later sections' titles ("Crumb > Goals · Key facts"):
 * a search hit then names every section it holds, not only the one it starts in (an edit's new
 * `## Launch city` appended after a short section would otherwise be shown under that section).
 */
export function* sectionRuns(
  sections: MarkdownSection[],
  { minChars, maxChars }: { minChars: number; maxChars: number },
): Generator<SectionRun> {
  let run: OpenRun | undefined;
  for (const section of sections) {
    const body = section.lines.join("\n");
    if (run) {
      const part = section.headingLine === undefined ? body : `${section.headingLine}\n${body}`;
      if (run.length < minChars && run.length + 1 + part.length <= maxChars) {
        takeIn(run, section, part);
        continue;
      }
      yield* closed(run);
      run = undefined;
    }
    const opening = section.pathHoldsHeading ? body : `${section.headingLine}\n${body}`;
    // A heading directly followed by a sub-heading opens nothing: its path lives on in the children.
    if (!opening.trim()) continue;
    run = {
      heading: section.headings.join(" > "),
      headingCut: false,
      parts: [opening],
      length: opening.length,
    };
  }
  if (run) yield* closed(run);
}

function takeIn(run: OpenRun, section: MarkdownSection, part: string): void {
  run.parts.push(part);
  run.length += 1 + part.length;
  const title = section.headings.at(-1);
  if (run.headingCut || !title) return;
  const heading = run.heading ? `${run.heading} · ${title}` : title;
  if (heading.length <= longestRunHeading) run.heading = heading;
  else {
    run.heading = run.heading ? `${run.heading} · …` : "…";
    run.headingCut = true;
  }
}

function* closed(run: OpenRun): Generator<SectionRun> {
  const text = run.parts.join("\n").trim();
  if (text) yield { heading: run.heading, text };
}
