import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { type RouterOutputs, useTRPC } from "../../lib/trpc.ts";
import { EmptyState } from "../../ui/empty-state.tsx";
import { ErrorState } from "../../ui/error-state.tsx";
import { QueryBoundary } from "../../ui/query-boundary.tsx";
import { QueryLoading } from "../../ui/query-loading.tsx";
import { diffRows } from "./diff-rows.ts";
import { DiffView } from "./diff-view.tsx";
import { useDocumentVersions } from "./use-document-versions.ts";
import { sourceWord } from "./version-author.ts";

export interface CompareVersionsProps {
  documentId: string;
  /** From the URL (`?from=…&to=…`); missing ones default to the active version and its predecessor. */
  fromVersionId: string | undefined;
  toVersionId: string | undefined;
  onChange: (next: { from: string; to: string }) => void;
}

/** Pick any two versions; the server's unified diff shown line by line. */
export function CompareVersions({ documentId, fromVersionId, toVersionId, onChange }: CompareVersionsProps) {
  const { query: versionsQuery, versions } = useDocumentVersions(documentId);
  const fromId = useId();
  const toId = useId();
  const activeIndex = Math.max(
    0,
    versions.findIndex((version) => version.active),
  );
  const to = toVersionId ?? versions[activeIndex]?.id;
  const from = fromVersionId ?? versions[activeIndex + 1]?.id;

  if (versionsQuery.status === "pending") return <QueryLoading label="Loading the versions" />;
  if (versionsQuery.status === "error") {
    return <ErrorState error={versionsQuery.error} title="Could not load the versions" />;
  }
  if (versions.length < 2) {
    return <EmptyState title="Only one version" description="A diff needs two versions of this document." />;
  }
  const select = (id: string, label: string, value: string | undefined, apply: (id: string) => void) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-fg">
        {label}
      </label>
      <select
        id={id}
        value={value ?? ""}
        onChange={(event) => apply(event.target.value)}
        className="h-8 rounded-md border border-border bg-surface px-2 text-sm text-fg"
      >
        {versions.map((version) => (
          <option key={version.id} value={version.id}>
            Version {version.version}
            {version.active ? " (active)" : ""} · {sourceWord[version.source]}
            {version.needsReview ? " · needs review" : ""}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        {select(fromId, "From", from, (id) => onChange({ from: id, to: to ?? id }))}
        {select(toId, "To", to, (id) => onChange({ from: from ?? id, to: id }))}
      </div>
      {from && to ? <VersionDiff documentId={documentId} from={from} to={to} /> : null}
    </div>
  );
}

function VersionDiff({ documentId, from, to }: { documentId: string; from: string; to: string }) {
  const trpc = useTRPC();
  const diff = useQuery({
    ...trpc.documents.diff.queryOptions({ documentId, fromVersionId: from, toVersionId: to }),
    enabled: from !== to,
  });
  if (from === to) return <p className="text-sm text-fg-muted">Pick two different versions to compare.</p>;
  return (
    <QueryBoundary
      query={diff}
      loadingLabel="Comparing the versions"
      errorTitle="Could not compare the versions"
    >
      {(answer) => <DiffAnswer answer={answer} />}
    </QueryBoundary>
  );
}

function DiffAnswer({ answer }: { answer: RouterOutputs["documents"]["diff"] }) {
  const fromLabel = `version ${answer.fromVersion}`;
  const toLabel = `version ${answer.toVersion}`;
  if (answer.tooLarge) {
    return (
      <EmptyState
        title="Too different to show as a diff"
        description={`${answer.message} Open ${fromLabel} and ${toLabel} to read them side by side.`}
      />
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-fg-muted" aria-live="polite">
        From {fromLabel} to {toLabel}:{" "}
        <span className="font-medium text-success">+{answer.stats.additions} added</span>,{" "}
        <span className="font-medium text-danger">−{answer.stats.deletions} removed</span> in{" "}
        {answer.stats.hunks} {answer.stats.hunks === 1 ? "place" : "places"}
      </p>
      <DiffView rows={diffRows(answer.unified)} fromLabel={fromLabel} toLabel={toLabel} />
    </div>
  );
}
