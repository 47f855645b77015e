import type { Step } from "@jeex/contracts/steps";
import { Link } from "react-router";
import { countOf } from "../../lib/plural.ts";
import { Badge } from "../../ui/badge.tsx";
import { Button } from "../../ui/button.tsx";
import { ErrorState } from "../../ui/error-state.tsx";
import { QueryLoading } from "../../ui/query-loading.tsx";
import { StatusBadge } from "../../ui/status-badge.tsx";
import { useDocumentVersions, type VersionItem } from "./use-document-versions.ts";
import { usePersonNames } from "./use-person-names.ts";
import { formatWhen, versionAuthor } from "./version-author.ts";

const sourceBadge = {
  agent: { label: "Agent", tone: "info" },
  human: { label: "Person", tone: "neutral" },
  merged: { label: "Merged", tone: "neutral" },
} as const;

export interface VersionHistoryProps {
  documentId: string;
  step: Step;
  /** The URL of this document's page, to link views of a version and comparisons. */
  pageUrl: string;
  /** Offered to editors and up: makes an older version the active one again. */
  onActivate?: ((version: VersionItem) => void) | undefined;
}

/** Every version: which, by whom (an agent or a person), when; view, compare, make active. */
export function VersionHistory({ documentId, step, pageUrl, onActivate }: VersionHistoryProps) {
  const { query, versions } = useDocumentVersions(documentId);
  const nameOf = usePersonNames();
  if (query.status === "pending") {
    return <QueryLoading label="Loading the versions" />;
  }
  if (query.status === "error") {
    return (
      <ErrorState
        error={query.error}
        title="Could not load the versions"
        onRetry={() => void query.refetch()}
      />
    );
  }
  const active = versions.find((version) => version.active);
  // Parents older than the loaded page are named without their number.
  const parentName = (id: string | null, what: string) => {
    const parent = versions.find((version) => version.id === id);
    return parent ? `version ${parent.version} (${what})` : what;
  };
  return (
    <div className="flex flex-col gap-3">
      <ol className="flex flex-col divide-y divide-border rounded-lg border border-border bg-surface">
        {versions.map((version) => (
          <li key={version.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2">
            <div className="flex min-w-0 flex-1 flex-col">
              <span className="flex flex-wrap items-center gap-2 text-sm font-medium text-fg">
                Version {version.version}
                {version.active ? <Badge tone="success">Active</Badge> : null}
                <Badge tone={sourceBadge[version.source].tone}>{sourceBadge[version.source].label}</Badge>
                {version.needsReview ? <StatusBadge status="needs_review" /> : null}
              </span>
              <span className="text-xs text-fg-muted">
                {versionAuthor(version, step, nameOf)} ·{" "}
                <time dateTime={version.createdAt}>{formatWhen(version.createdAt)}</time> ·{" "}
                {countOf(version.scores.wordCount, "word")}
              </span>
              {version.source === "merged" ? (
                <span className="text-xs text-fg-muted">
                  Merged from {parentName(version.agentParentId, "the agent's output")} and{" "}
                  {parentName(version.humanParentId, "a person's edit")}
                </span>
              ) : null}
            </div>
            <div className="flex flex-wrap gap-2">
              <Button asChild size="sm" variant="ghost">
                <Link to={version.active ? pageUrl : `${pageUrl}?version=${version.id}`}>
                  View<span className="sr-only"> version {version.version}</span>
                </Link>
              </Button>
              {active && !version.active ? (
                <Button asChild size="sm" variant="ghost">
                  <Link to={`${pageUrl}?tab=compare&from=${version.id}&to=${active.id}`}>
                    Compare with active<span className="sr-only"> (version {version.version})</span>
                  </Link>
                </Button>
              ) : null}
              {onActivate && !version.active ? (
                <Button size="sm" onClick={() => onActivate(version)}>
                  Make active<span className="sr-only"> version {version.version}</span>
                </Button>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      {query.hasNextPage ? (
        <div>
          <Button size="sm" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            Load older versions
          </Button>
        </div>
      ) : null}
    </div>
  );
}
