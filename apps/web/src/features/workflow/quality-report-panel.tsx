import { type DocumentsReport, findingLocation, type QualityFinding } from "@jeex/contracts/quality";
import { useQuery } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import { useEffect, useRef } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import { Badge } from "../../ui/badge.tsx";
import { Card } from "../../ui/card.tsx";
import { QueryBoundary } from "../../ui/query-boundary.tsx";

/** A pending report is recomputed by the server on the read that finds it; this re-reads soon after. */
const PENDING_REFETCH_MS = 2_000;

const severityView: Record<
  QualityFinding["severity"],
  { word: string; Icon: typeof Info; className: string }
> = {
  error: { word: "Error", Icon: CircleAlert, className: "text-danger" },
  warning: { word: "Warning", Icon: TriangleAlert, className: "text-warning" },
  info: { word: "Note", Icon: Info, className: "text-info" },
};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
/**
 * The pack's quality report on the project page: the counts, whether it is of the active versions,
 * and every finding with its document, version and line. `activeVersions` (the page's active
 * version ids) changing means a step or an edit landed: the report is read again.
 */
export function QualityReportPanel({
  projectId,
  activeVersions,
}: {
  projectId: string;
  activeVersions: string;
}) {
  const trpc = useTRPC();
  const report = useQuery(
    trpc.documents.report.queryOptions(
      { projectId },
      { refetchInterval: (query) => (query.state.data?.status === "pending" ? PENDING_REFETCH_MS : false) },
    ),
  );
  const seen = useRef(activeVersions);
  const { refetch } = report;
  useEffect(() => {
    if (seen.current === activeVersions) return;
    seen.current = activeVersions;
    void refetch();
  }, [activeVersions, refetch]);

  return (
    <section aria-labelledby="quality-report-heading" className="mt-6">
      <Card>
        <QueryBoundary
          query={report}
          loadingLabel="Loading the quality report"
          errorTitle="Could not load the quality report"
        >
          {(answer) => <ReportBody answer={answer} />}
        </QueryBoundary>
      </Card>
    </section>
  );
}

function ReportBody({ answer }: { answer: DocumentsReport }) {
  const heading = (
    <h2 id="quality-report-heading" className="text-sm font-semibold">
      Quality report
    </h2>
  );
  if (!answer.report)
    return (
      <>
        {heading}
        <p className="mt-1 text-sm text-fg-muted">No report yet: the pack is checked after each step.</p>
      </>
    );
  const { counts, findings } = answer.report;
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        {heading}
        {answer.status === "current" ? (
          <Badge tone="success">Current</Badge>
        ) : (
          <Badge tone="warning">Pending: computed before the latest changes</Badge>
        )}
        <span className="text-sm text-fg-muted">
          {plural(counts.errors, "error")} · {plural(counts.warnings, "warning")} ·{" "}
          {plural(counts.infos, "note")}
        </span>
      </div>
      {findings.length === 0 ? (
        <p className="mt-2 flex items-center gap-1.5 text-sm text-success">
          <CircleCheck aria-hidden="true" className="size-4" />
          No findings: the pack passes every check.
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-border text-sm" aria-label="Findings">
          {findings.map((finding, index) => {
            const { word, Icon, className } = severityView[finding.severity];
            return (
              <li
                key={`${finding.code}-${finding.path}-${finding.line ?? 0}-${index}`}
                className="flex gap-2 py-1.5"
              >
                <span className={`inline-flex w-20 shrink-0 items-center gap-1 font-medium ${className}`}>
                  <Icon aria-hidden="true" className="size-3.5" />
                  {word}
                </span>
                <span className="min-w-0">
                  <code className="text-xs">{findingLocation(finding)}</code>{" "}
                  <span className="text-fg-muted">[{finding.code}]</span> {finding.message}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
