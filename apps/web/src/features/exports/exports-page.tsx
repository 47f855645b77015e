import type { ExportSummary } from "@jeex/contracts/exports";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Package } from "lucide-react";
import { useParams, useSearchParams } from "react-router";
import { useTRPC, useTRPCClient } from "../../lib/trpc.ts";
import { useSubmissionKey } from "../../lib/use-submission-key.ts";
import { Button } from "../../ui/button.tsx";
import { classNames } from "../../ui/class-names.ts";
import { EmptyState } from "../../ui/empty-state.tsx";
import { ErrorState } from "../../ui/error-state.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { Spinner } from "../../ui/spinner.tsx";
import { StatusBadge } from "../../ui/status-badge.tsx";
import { roleAtLeast, useActiveRole } from "../auth/use-active-role.ts";
import { BackToWorkflowLink } from "../projects/back-to-workflow-link.tsx";
import { ConnectionIndicator } from "../workflow/connection-indicator.tsx";
import { formatTime } from "../workflow/format.ts";
import { LiveAnnouncer } from "../workflow/live-announcer.tsx";
import { useLiveProject } from "../workflow/use-live-project.ts";
import { ExportDetails } from "./export-details.tsx";
import { formatBytes } from "./format-bytes.ts";

const pageSize = 20;

export function ExportsPage() {
  const { projectId = "" } = useParams();
  return <ProjectExports key={projectId} projectId={projectId} />;
}

/** Packs of the project's active documents: create one, watch it build, download it, read its manifest. */
function ProjectExports({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const canCreate = roleAtLeast(useActiveRole(), "editor");
  const { live, connection, error, announcements } = useLiveProject(projectId);
  const [params, setParams] = useSearchParams();
  const selected = params.get("export") ?? undefined;
  const select = (exportId: string) => setParams({ export: exportId });

  // Not `infiniteQueryOptions`: it adds `direction` to the input, which the strict contract refuses.
  const list = useInfiniteQuery({
    queryKey: trpc.exports.list.infiniteQueryKey({ projectId, limit: pageSize }),
    queryFn: ({ pageParam }) =>
      client.exports.list.query({ projectId, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const { withKey, onAccepted } = useSubmissionKey();
  const create = useMutation(
    trpc.exports.create.mutationOptions({
      onSuccess: onAccepted(async (created) => {
        select(created.id);
        await queryClient.invalidateQueries(trpc.exports.list.pathFilter());
      }),
    }),
  );
  const exports = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Exports"
        description={
          <span className="inline-flex flex-wrap items-center gap-x-3 gap-y-1">
            <span>
              A zip of the active documents with a manifest of every file, its version and checksum.
            </span>
            <ConnectionIndicator state={connection} error={error} />
          </span>
        }
        actions={
          canCreate ? (
            <Button
              variant="primary"
              loading={create.isPending}
              onClick={() => create.mutate(withKey({ projectId }))}
            >
              <Package aria-hidden="true" className="size-3.5" />
              Create export
            </Button>
          ) : undefined
        }
      />
      <LiveAnnouncer messages={announcements} />
      {create.error ? (
        <div className="mb-4">
          <ErrorState error={create.error} title="The export did not start" />
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <section aria-labelledby="exports-list-title" className="flex min-w-0 flex-col gap-2">
          <h2 id="exports-list-title" className="text-base font-semibold text-fg">
            All exports
          </h2>
          {list.status === "pending" ? (
            <Spinner label="Loading exports" />
          ) : list.status === "error" ? (
            <ErrorState
              error={list.error}
              title="Could not load the exports"
              onRetry={() => void list.refetch()}
            />
          ) : exports.length === 0 ? (
            <EmptyState
              icon={Package}
              title="No exports yet"
              description={
                canCreate ? "Create one to download the documentation pack." : "An editor can create one."
              }
            />
          ) : (
            <>
              <ul className="flex flex-col divide-y divide-border rounded-md border border-border bg-surface">
                {exports.map((item) => (
                  <ExportRow
                    key={item.id}
                    item={item}
                    percent={live.exports[item.id]?.percent}
                    liveStatus={live.exports[item.id]?.status}
                    selected={item.id === selected}
                    onSelect={() => select(item.id)}
                  />
                ))}
              </ul>
              {list.hasNextPage ? (
                <div>
                  <Button
                    size="sm"
                    loading={list.isFetchingNextPage}
                    onClick={() => void list.fetchNextPage()}
                  >
                    Show older exports
                  </Button>
                </div>
              ) : null}
            </>
          )}
        </section>
        <div className="min-w-0">
          {selected ? (
            <ExportDetails exportId={selected} live={live.exports[selected]} />
          ) : exports.length > 0 ? (
            <p className="text-sm text-fg-muted">Choose an export to see its manifest and download it.</p>
          ) : null}
        </div>
      </div>
      <BackToWorkflowLink projectId={projectId} />
    </>
  );
}

interface ExportRowProps {
  item: ExportSummary;
  percent: number | undefined;
  liveStatus: ExportSummary["status"] | undefined;
  selected: boolean;
  onSelect: () => void;
}

function ExportRow({ item, percent, liveStatus, selected, onSelect }: ExportRowProps) {
  const running = item.status === "queued" || item.status === "running";
  const status = running && liveStatus ? liveStatus : item.status;
  const label =
    status === "running" && percent !== undefined ? `Running · ${Math.round(percent)}%` : undefined;
  return (
    <li>
      <button
        type="button"
        onClick={onSelect}
        aria-current={selected ? "true" : undefined}
        className={classNames(
          "flex w-full flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-left text-sm",
          selected ? "bg-surface-muted" : "hover:bg-surface-muted",
        )}
      >
        <StatusBadge status={status} {...(label ? { label } : {})} />
        <span className="text-fg">{formatTime(item.createdAt)}</span>
        <span className="ml-auto text-xs text-fg-muted">
          {item.sizeBytes !== null ? formatBytes(item.sizeBytes) : "–"}
        </span>
      </button>
    </li>
  );
}
