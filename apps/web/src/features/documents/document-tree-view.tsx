import { FileText } from "lucide-react";
import { Link } from "react-router";
import { classNames } from "../../ui/class-names.ts";
import { StatusBadge } from "../../ui/status-badge.tsx";
import { type DocumentItem, fileName, groupDocuments } from "./document-tree.ts";

export interface DocumentTreeViewProps {
  projectId: string;
  documents: readonly DocumentItem[];
  /** The document being shown, marked as the current page. */
  currentId?: string | undefined;
}

/** The pack as a tree, grouped by where each document lives in the export. */
export function DocumentTreeView({ projectId, documents, currentId }: DocumentTreeViewProps) {
  const groups = groupDocuments(documents);
  return (
    <nav aria-label="Documents of the pack" className="flex flex-col gap-4">
      {groups.map((group) => (
        <section key={group.id} aria-labelledby={`group-${group.id}`}>
          <h2
            id={`group-${group.id}`}
            className="mb-1 text-xs font-semibold uppercase tracking-wide text-fg-muted"
          >
            {group.label}
            <span className="ml-1 font-normal">({group.documents.length})</span>
          </h2>
          <ul className="flex flex-col">
            {group.documents.map((doc) => (
              <li key={doc.id}>
                <Link
                  to={`/projects/${projectId}/documents/${doc.id}`}
                  aria-current={doc.id === currentId ? "page" : undefined}
                  className={classNames(
                    "flex min-w-0 items-center gap-2 rounded-md px-2 py-1.5 text-sm text-fg no-underline hover:bg-surface-muted",
                    doc.id === currentId && "bg-surface-muted font-medium",
                  )}
                >
                  <FileText aria-hidden="true" className="size-4 shrink-0 text-fg-subtle" />
                  <span className="min-w-0 flex-1 truncate">
                    {doc.title}
                    <span className="ml-2 font-mono text-xs text-fg-muted">{fileName(doc.path)}</span>
                  </span>
                  {doc.needsReview ? <StatusBadge status="needs_review" /> : null}
                  {doc.stale ? <StatusBadge status="stale" /> : null}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
