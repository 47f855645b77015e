import type { RouterOutputs } from "../../lib/trpc.ts";

export type DocumentItem = RouterOutputs["documents"]["list"]["items"][number];

export type DocumentGroupId = "about" | "architecture" | "adr" | "plans" | "specs" | "other";

export interface DocumentGroup {
  id: DocumentGroupId;
  label: string;
  documents: DocumentItem[];
}

const groupLabels: Record<DocumentGroupId, string> = {
  about: "About",
  architecture: "Architecture",
  adr: "Decisions (ADRs)",
  plans: "Plans",
  specs: "Specs",
  other: "Other",
};

/** The pack's order: what the steps produce, in the order they run. */
const groupOrder: DocumentGroupId[] = ["about", "architecture", "adr", "plans", "specs", "other"];

/** Which group a document belongs to, by the path it has inside the export. */
export function groupOf(path: string): DocumentGroupId {
  if (path === "docs/about.md") return "about";
  if (path === "docs/architecture.md") return "architecture";
  if (path.startsWith("docs/adr/")) return "adr";
  if (path.startsWith("docs/plans/")) return "plans";
  if (path === "docs/specs.md") return "specs";
  return "other";
}

/**
 * Groups the pack as a tree: about, architecture, ADRs, plans (the overview first, then the epics
 * by their number), specs. Empty groups are left out.
 */
export function groupDocuments(documents: readonly DocumentItem[]): DocumentGroup[] {
  const byGroup = new Map<DocumentGroupId, DocumentItem[]>();
  for (const doc of documents) {
    const id = groupOf(doc.path);
    byGroup.set(id, [...(byGroup.get(id) ?? []), doc]);
  }
  return groupOrder.flatMap((id) => {
    const docs = byGroup.get(id);
    if (!docs) return [];
    return [{ id, label: groupLabels[id], documents: [...docs].sort(comparePaths) }];
  });
}

function comparePaths(a: DocumentItem, b: DocumentItem): number {
  // plans/overview.md leads its epics (01-…, 02-…), which sort by name.
  const rank = (doc: DocumentItem) => (doc.path.endsWith("/overview.md") ? 0 : 1);
  return rank(a) - rank(b) || a.path.localeCompare(b.path);
}

/** The file name without folders, for a compact tree label. */
export function fileName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
