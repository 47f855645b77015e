import type { ExportDetail } from "@jeex/contracts/exports";
import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useTRPC } from "../../lib/trpc.ts";
import { buttonClasses } from "../../ui/button.tsx";
import { ErrorState } from "../../ui/error-state.tsx";
import { QueryBoundary } from "../../ui/query-boundary.tsx";
import { StatusBadge } from "../../ui/status-badge.tsx";
import type { LiveExport } from "../workflow/live-events.ts";
import { formatBytes } from "./format-bytes.ts";
import { ManifestTable } from "./manifest-table.tsx";

export interface ExportDetailsProps {
  exportId: string;
  live: LiveExport | undefined;
}

/** One export: its progress while it runs, then the signed download link and the manifest. */
export function ExportDetails({ exportId, live }: ExportDetailsProps) {
  const trpc = useTRPC();
  const query = useQuery(trpc.exports.get.queryOptions({ exportId }));
  return (
    <section aria-labelledby="export-details-title" className="flex flex-col gap-3">
      <h2 id="export-details-title" className="text-base font-semibold text-fg">
        Export details
      </h2>
      <QueryBoundary query={query} loadingLabel="Loading the export" errorTitle="Could not load the export">
        {(detail) => <ExportDetailBody detail={detail} live={live} />}
      </QueryBoundary>
    </section>
  );
}

function ExportDetailBody({ detail, live }: { detail: ExportDetail; live: LiveExport | undefined }) {
  // The stream is ahead of the query until the terminal event refetches it.
  const running = detail.status === "queued" || detail.status === "running";
  const status = running && live ? live.status : detail.status;
  const stillRunning = status === "queued" || status === "running";
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge
          status={status}
          {...(stillRunning && live?.percent !== undefined
            ? { label: `Running · ${Math.round(live.percent)}%` }
            : {})}
        />
        {detail.sizeBytes !== null ? (
          <span className="text-xs text-fg-muted">{formatBytes(detail.sizeBytes)}</span>
        ) : null}
        {detail.download ? (
          <a
            className={buttonClasses("primary", "sm")}
            href={detail.download.url}
            download
            data-testid="export-download"
          >
            <Download aria-hidden="true" className="size-3.5" />
            Download zip
          </a>
        ) : null}
      </div>
      {stillRunning ? (
        <progress
          className="h-1.5 w-full"
          max={100}
          {...(live?.percent !== undefined ? { value: live.percent } : {})}
          aria-label="Export progress"
        />
      ) : null}
      {detail.error ? (
        <ErrorState
          error={new Error(detail.error.message)}
          title={`The export failed (${detail.error.code})`}
        />
      ) : null}
      {detail.sha256 ? (
        <p className="break-all text-xs text-fg-muted">
          SHA-256 <code className="select-all font-mono text-fg">{detail.sha256}</code>
        </p>
      ) : null}
      {detail.status === "succeeded" && !detail.download ? (
        <p className="text-xs text-fg-muted">
          This export has expired; create a new one to download the pack.
        </p>
      ) : null}
      {detail.manifest ? <ManifestTable files={detail.manifest.files} /> : null}
    </div>
  );
}
