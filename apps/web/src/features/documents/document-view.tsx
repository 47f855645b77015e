import type { MergeResolution } from "@jeex/contracts/documents";
import { CheckCircle2, Pencil, RotateCcw } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { RouterOutputs } from "../../lib/trpc.ts";
import { Badge } from "../../ui/badge.tsx";
import { Button } from "../../ui/button.tsx";
import { classNames } from "../../ui/class-names.ts";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { ErrorState } from "../../ui/error-state.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { StatusBadge } from "../../ui/status-badge.tsx";
import { useMe } from "../auth/use-me.ts";
import { agentNames } from "./agent-names.ts";
import { CompareVersions } from "./compare-versions.tsx";
import { EditPanel } from "./edit-panel.tsx";
import { hasUnsavedWork } from "./edit-session.ts";
import { MarkdownView } from "./markdown-view.tsx";
import { MergedContent, MergeReview } from "./merge-review.tsx";
import { packPathOf } from "./pack-links.ts";
import { ReadabilitySummary } from "./readability-summary.tsx";
import { UnsavedChangesGuard } from "./unsaved-changes-guard.tsx";
import { useDocumentMutations } from "./use-document-mutations.ts";
import type { VersionItem } from "./use-document-versions.ts";
import { useEditSession } from "./use-edit-session.ts";
import { usePersonNames } from "./use-person-names.ts";
import { useProjectDocuments } from "./use-project-documents.ts";
import { formatWhen, versionAuthor } from "./version-author.ts";
import { VersionHistory } from "./version-history.tsx";

type DocumentData = RouterOutputs["documents"]["get"];
type Tab = "document" | "history" | "compare";
const tabs: { id: Tab; label: string }[] = [
  { id: "document", label: "Document" },
  { id: "history", label: "History" },
  { id: "compare", label: "Compare versions" },
];
const stepLabels = { about: "About", architecture: "Architecture", plan: "Plan", specs: "Specs" } as const;
const tabOf = (value: string | null): Tab =>
  value === "history" || value === "compare" ? value : "document";

const resolutionNotices: Record<Exclude<MergeResolution, "accept">, string> = {
  agent: "The agent's output is active.",
  mine: "Your edit is active again.",
};

interface Pending {
  version: { id: string; version: number };
}

/** One document: rendered, its history and diffs, and for editors: edit, make active, confirm. */
export function DocumentView({ projectId, data }: { projectId: string; data: DocumentData }) {
  const { document, version } = data;
  const [search, setSearch] = useSearchParams();
  const tab = tabOf(search.get("tab"));
  const pageUrl = `/projects/${projectId}/documents/${document.id}`;
  const canEdit = useMe().can("editor");
  const nameOf = usePersonNames();
  const mutations = useDocumentMutations();
  const [notice, setNotice] = useState<string>();
  const [activating, setActivating] = useState<Pending>();
  const pack = useProjectDocuments(projectId).data?.items;
  // Links between the pack's documents open the linked document's page.
  const resolveLink = useCallback(
    (href: string) => {
      const path = packPathOf(href, document.path);
      const target = path ? pack?.find((doc) => doc.path === path) : undefined;
      return target ? `/projects/${projectId}/documents/${target.id}` : undefined;
    },
    [pack, document.path, projectId],
  );

  const mergeInEditor = useRef(false);
  const session = useEditSession({
    // Editing a conflicted merge settles it: the text is the person's resolution of its markers.
    save: ({ baseVersionId, content }) =>
      version.needsReview && version.active && baseVersionId === version.id
        ? mutations.resolveMerge.mutateAsync({
            documentId: document.id,
            versionId: baseVersionId,
            resolution: "accept",
            content,
          })
        : mutations.saveEdit.mutateAsync({ documentId: document.id, baseVersionId, content }),
    loadActive: async () => {
      const { version: active } = await mutations.fetchActive(document.id);
      return {
        versionId: active.id,
        version: active.version,
        content: active.content,
        source: active.source,
        createdBy: active.createdBy,
        createdAt: active.createdAt,
      };
    },
  });
  const editing = session.state.status !== "closed" && session.state.status !== "saved";

  // A saved edit closes the editor and shows the new active version.
  useEffect(() => {
    if (session.state.status !== "saved") return;
    const settled = mergeInEditor.current ? "Merge resolved with your text. " : "";
    setNotice(
      `${settled}Saved as version ${session.state.version}. Documents of the later steps are now stale.`,
    );
    session.cancel();
    setSearch({});
  }, [session, setSearch]);

  const activate = (target: Pending["version"]) =>
    mutations.activate.mutate(
      { documentId: document.id, versionId: target.id },
      {
        onSuccess: () => {
          setActivating(undefined);
          setNotice(`Version ${target.version} is active again. Documents of the later steps are now stale.`);
          setSearch({});
        },
      },
    );

  const startEditing = () => {
    setNotice(undefined);
    mergeInEditor.current = version.needsReview && version.active;
    session.start({ versionId: version.id, version: version.version, content: version.content });
  };
  const resolve = (resolution: Exclude<MergeResolution, "accept">) =>
    mutations.resolveMerge.mutate(
      { documentId: document.id, versionId: version.id, resolution },
      {
        onSuccess: (resolved) => {
          setNotice(`${resolutionNotices[resolution]} Saved as version ${resolved.version}.`);
          setSearch({});
        },
      },
    );
  const reviewingMerge = version.active && version.source === "merged";

  const viewingOld = !version.active;
  const stepName = `${stepLabels[document.step]} (${agentNames[document.step]})`;
  return (
    <article aria-labelledby="document-title">
      <PageHeader
        breadcrumbs={
          <Link to={`/projects/${projectId}/documents`} className="text-fg-muted">
            Documents
          </Link>
        }
        title={<span id="document-title">{document.title}</span>}
        tabTitle={document.title}
        description={
          <span className="leading-6">
            <code className="break-all font-mono text-xs">{document.path}</code> · version {version.version} ·{" "}
            {versionAuthor(version, document.step, nameOf)} ·{" "}
            <time dateTime={version.createdAt}>{formatWhen(version.createdAt)}</time>
            {document.stale ? (
              <>
                {" "}
                <StatusBadge status="stale" />
              </>
            ) : null}
            {version.needsReview ? (
              <>
                {" "}
                <StatusBadge status="needs_review" />
              </>
            ) : null}
            {viewingOld ? (
              <>
                {" "}
                <Badge tone="warning">Not the active version</Badge>
              </>
            ) : null}
          </span>
        }
        actions={
          canEdit && !editing && !viewingOld ? (
            <Button variant="primary" onClick={startEditing}>
              <Pencil aria-hidden="true" className="size-4" />
              Edit
            </Button>
          ) : null
        }
      />

      <p aria-live="polite" className={classNames(notice ? "mb-4" : "sr-only", "text-sm text-success")}>
        {notice ? (
          <span className="inline-flex items-center gap-1">
            <CheckCircle2 aria-hidden="true" className="size-4" /> {notice}
          </span>
        ) : null}
      </p>

      {document.stale && !editing ? (
        <StaleNotice
          projectId={projectId}
          stepName={stepName}
          canEdit={canEdit}
          pending={mutations.confirm.isPending}
          error={mutations.confirm.error}
          onConfirm={() =>
            mutations.confirm.mutate(
              { documentId: document.id },
              { onSuccess: () => setNotice("Confirmed as still right: no longer stale.") },
            )
          }
        />
      ) : null}

      {reviewingMerge && !editing ? (
        <MergeReview
          needsReview={version.needsReview}
          canEdit={canEdit}
          pending={
            mutations.resolveMerge.isPending ? mutations.resolveMerge.variables?.resolution : undefined
          }
          error={mutations.resolveMerge.error}
          onResolve={resolve}
          onResolveInEditor={startEditing}
        />
      ) : null}

      {viewingOld && !editing ? (
        <div className="mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-border bg-surface-muted p-3 text-sm">
          <span className="flex-1">
            You are reading version {version.version}, an older version.{" "}
            <Link to={pageUrl}>Read the active version</Link>.
          </span>
          {canEdit ? (
            <Button size="sm" onClick={() => setActivating({ version })}>
              <RotateCcw aria-hidden="true" className="size-4" />
              Make version {version.version} active
            </Button>
          ) : null}
        </div>
      ) : null}

      <UnsavedChangesGuard when={hasUnsavedWork(session.state)} />

      {editing ? (
        <EditPanel
          session={session}
          path={document.path}
          describeTheirs={(theirs) => ({ who: nameOf(theirs.createdBy), when: formatWhen(theirs.createdAt) })}
        />
      ) : (
        <>
          <nav aria-label="Document views" className="mb-4 flex gap-1 border-b border-border">
            {tabs.map((entry) => (
              <Link
                key={entry.id}
                to={{ search: tabSearch(search, entry.id) }}
                aria-current={tab === entry.id ? "page" : undefined}
                className={classNames(
                  "whitespace-nowrap border-b-2 px-3 py-1.5 text-sm no-underline",
                  tab === entry.id
                    ? "border-accent font-medium text-fg"
                    : "border-transparent text-fg-muted hover:text-fg",
                )}
              >
                {entry.label}
              </Link>
            ))}
          </nav>
          {tab === "document" ? (
            <div className="flex flex-col gap-6 lg:flex-row-reverse">
              <aside aria-label="Readability" className="lg:w-44 lg:shrink-0">
                <ReadabilitySummary scores={version.scores} />
              </aside>
              <div className="min-w-0 flex-1">
                {version.needsReview ? (
                  <MergedContent
                    content={version.content}
                    resolveLink={resolveLink}
                    pageTitle={document.title}
                  />
                ) : (
                  <MarkdownView
                    content={version.content}
                    resolveLink={resolveLink}
                    pageTitle={document.title}
                  />
                )}
              </div>
            </div>
          ) : null}
          {tab === "history" ? (
            <VersionHistory
              documentId={document.id}
              step={document.step}
              pageUrl={pageUrl}
              onActivate={canEdit ? (target: VersionItem) => setActivating({ version: target }) : undefined}
            />
          ) : null}
          {tab === "compare" ? (
            <CompareVersions
              documentId={document.id}
              fromVersionId={search.get("from") ?? undefined}
              toVersionId={search.get("to") ?? undefined}
              onChange={({ from, to }) => setSearch({ tab: "compare", from, to })}
            />
          ) : null}
        </>
      )}

      <ConfirmDialog
        open={activating !== undefined}
        onOpenChange={(open) => {
          if (!open) {
            setActivating(undefined);
            mutations.activate.reset();
          }
        }}
        title={`Make version ${activating?.version.version ?? ""} active?`}
        description="It becomes the version everyone reads and exports. No version is deleted: you can switch back from the history. Documents of the later steps turn stale."
        confirmLabel={`Make version ${activating?.version.version ?? ""} active`}
        pending={mutations.activate.isPending}
        onConfirm={() => activating && activate(activating.version)}
      >
        {mutations.activate.error ? (
          <ErrorState error={mutations.activate.error} title="Could not change the active version" />
        ) : null}
      </ConfirmDialog>
    </article>
  );
}

/** Keeps the version being read, drops the compare picks when leaving the compare tab. */
function tabSearch(search: URLSearchParams, tab: Tab): string {
  const next = new URLSearchParams();
  const version = search.get("version");
  if (version) next.set("version", version);
  if (tab !== "document") next.set("tab", tab);
  const text = next.toString();
  return text ? `?${text}` : "";
}

interface StaleNoticeProps {
  projectId: string;
  stepName: string;
  canEdit: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
}

function StaleNotice({ projectId, stepName, canEdit, pending, error, onConfirm }: StaleNoticeProps) {
  return (
    <div className="mb-4 flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm">
      <p className="text-fg">
        <strong>Stale:</strong> a document this one builds on changed after it was written.{" "}
        {canEdit ? "Re-run" : "An editor can re-run"} the {stepName} step to rewrite it, or confirm it is
        still right as it is.
      </p>
      {canEdit ? (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="primary" loading={pending} onClick={onConfirm}>
            <CheckCircle2 aria-hidden="true" className="size-4" />
            Confirm still right
          </Button>
          <Button asChild size="sm">
            <Link to={`/projects/${projectId}`}>Re-run step</Link>
          </Button>
        </div>
      ) : null}
      {error ? <ErrorState error={error} title="Could not confirm the document" /> : null}
    </div>
  );
}
