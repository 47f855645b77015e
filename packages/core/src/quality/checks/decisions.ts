import type { QualityFinding } from "@jeex/contracts/quality";
import { ARCHITECTURE_PATH, fileAt, filesOfKind, findingsOf, type ReadPackFile } from "../pack-file.ts";
import { resolveLink } from "./links.ts";

/** `ADR-007` → 7, read from the start of a file name or a heading. */
const idAtStart = (text: string): number | null => {
  const match = /^ADR-(\d{1,6})/i.exec(text.trim());
  return match?.[1] ? Number(match[1]) : null;
};
const label = (id: number) => `ADR-${String(id).padStart(3, "0")}`;

/** Every `ADR-nnn` named in some lines (links, tables or prose), with its line. */
function idsNamed(file: ReadPackFile): { id: number; line: number }[] {
  return file.read.prose.flatMap(({ line, text }) =>
    [...text.matchAll(/ADR-(\d{1,6})/gi)].map((match) => ({ id: Number(match[1]), line })),
  );
}

/**
 * Decisions and the architecture agree: each ADR has one id, the same in its file name and its
 * heading (other documents cite it by that id, so it must not drift), no two ADRs share an id,
 * the architecture references every ADR, every ADR the architecture cites exists, and each ADR
 * links back to the architecture it is part of.
 */
export function checkDecisions(files: ReadPackFile[]): QualityFinding[] {
  const { found, add } = findingsOf("decisions");
  const adrs = filesOfKind(files, "adr");
  const architecture = fileAt(files, ARCHITECTURE_PATH);
  const byId = new Map<number, ReadPackFile[]>();

  for (const adr of adrs) {
    const pathId = idAtStart(adr.path.slice(adr.path.lastIndexOf("/") + 1));
    const heading = adr.read.headings.find((candidate) => candidate.level === 1);
    const headingId = heading ? idAtStart(heading.text) : null;
    if (pathId === null || headingId === null) {
      add(
        "error",
        "adr-id-missing",
        adr,
        heading?.line ?? 1,
        "An ADR needs an id (ADR-nnn) at the start of both its file name and its title.",
      );
      continue;
    }
    if (pathId !== headingId)
      add(
        "error",
        "adr-id-unstable",
        adr,
        heading?.line ?? 1,
        `The title says ${label(headingId)} but the file is ${label(pathId)}: ids must not change once cited.`,
      );
    byId.set(pathId, [...(byId.get(pathId) ?? []), adr]);
    const linksBack = adr.read.links.some((link) => resolveLink(adr.path, link.target) === ARCHITECTURE_PATH);
    if (!linksBack)
      add(
        "warning",
        "adr-orphan",
        adr,
        null,
        `${label(pathId)} does not link to docs/architecture.md, the architecture it belongs to.`,
      );
  }
  for (const [id, sharing] of byId) {
    for (const adr of sharing.slice(1))
      add(
        "error",
        "adr-id-duplicate",
        adr,
        1,
        `${label(id)} is also the id of ${sharing[0]?.path}: each decision needs its own id.`,
      );
  }
  if (!architecture) return found;

  const linked = new Set(architecture.read.links.map((link) => resolveLink(architecture.path, link.target)));
  const cited = idsNamed(architecture);
  const citedIds = new Set(cited.map(({ id }) => id));
  for (const [id, sharing] of byId) {
    for (const adr of sharing) {
      if (!linked.has(adr.path) && !citedIds.has(id))
        add(
          "error",
          "adr-not-in-architecture",
          adr,
          null,
          `docs/architecture.md does not reference ${label(id)} (${adr.path}).`,
        );
    }
  }
  const reported = new Set<number>();
  for (const { id, line } of cited) {
    if (byId.has(id) || reported.has(id)) continue;
    reported.add(id);
    add(
      "error",
      "adr-missing",
      architecture,
      line,
      `docs/architecture.md cites ${label(id)}, which no ADR has.`,
    );
  }
  return found;
}
