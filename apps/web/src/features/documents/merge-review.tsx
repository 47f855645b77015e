import type { MergeResolution } from "@jeex/contracts/documents";
import { Bot, GitMerge, Pencil, UserRound } from "lucide-react";
import { Button } from "../../ui/button.tsx";
import { ErrorState } from "../../ui/error-state.tsx";
import { conflictRegions } from "./conflict-regions.ts";
import { MarkdownView } from "./markdown-view.tsx";

export interface MergeReviewProps {
  needsReview: boolean;
  /** Offered to editors and up; the server decides. */
  canEdit: boolean;
  pending: MergeResolution | undefined;
  error: unknown;
  onResolve: (resolution: Exclude<MergeResolution, "accept">) => void;
  /** Opens the editor on the merged text; saving it accepts the merge with the person's resolution. */
  onResolveInEditor: () => void;
}

/**
 * The notice over an active merge of a re-run with a person's edit, with the ways to settle it:
 * a conflicted merge is settled in the editor (the server refuses to accept text that still holds
 * markers) or by choosing one side for the whole document.
 */
export function MergeReview({
  needsReview,
  canEdit,
  pending,
  error,
  onResolve,
  onResolveInEditor,
}: MergeReviewProps) {
  return (
    <section
      aria-label="Merge review"
      className="mb-4 flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm"
    >
      <p className="flex items-start gap-2 text-fg">
        <GitMerge aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <span>
          {needsReview ? (
            <>
              <strong>Needs review:</strong> the re-run's output was merged with your edit, and both changed
              the same lines. The marked regions show your text and the agent's; edit the document to settle
              them, or choose one side for the whole document.
            </>
          ) : (
            <>
              <strong>Merged:</strong> this version combines the re-run's output with your edit, without
              conflicts. You can still take the agent's output or keep your edit as it was.
            </>
          )}
        </span>
      </p>
      {canEdit ? (
        <div className="flex flex-wrap gap-2">
          {needsReview ? (
            <Button size="sm" variant="primary" onClick={onResolveInEditor}>
              <Pencil aria-hidden="true" className="size-4" />
              Resolve in the editor
            </Button>
          ) : null}
          <Button size="sm" loading={pending === "agent"} onClick={() => onResolve("agent")}>
            <Bot aria-hidden="true" className="size-4" />
            Take the agent's output
          </Button>
          <Button size="sm" loading={pending === "mine"} onClick={() => onResolve("mine")}>
            <UserRound aria-hidden="true" className="size-4" />
            Keep my edit
          </Button>
        </div>
      ) : null}
      {error ? <ErrorState error={error} title="Could not settle the merge" /> : null}
    </section>
  );
}

/** A merged text with each conflict region highlighted: the person's text, then the agent's. */
export function MergedContent({
  content,
  resolveLink,
  pageTitle,
}: {
  content: string;
  resolveLink?: ((href: string) => string | undefined) | undefined;
  /** Only the text before everything else can open with the page's title. */
  pageTitle?: string | undefined;
}) {
  return (
    <div className="flex flex-col gap-4">
      {conflictRegions(content).map((segment, index) =>
        segment.kind === "text" ? (
          <MarkdownView
            key={index}
            content={segment.text}
            resolveLink={resolveLink}
            pageTitle={index === 0 ? pageTitle : undefined}
          />
        ) : (
          <section
            key={index}
            aria-label="Conflict"
            className="overflow-hidden rounded-lg border-2 border-warning"
          >
            <ConflictSide label={segment.mineLabel} heading="Your edit" text={segment.mine} />
            <ConflictSide label={segment.agentLabel} heading="Agent's output" text={segment.agent} />
          </section>
        ),
      )}
    </div>
  );
}

function ConflictSide({ heading, label, text }: { heading: string; label: string; text: string }) {
  return (
    <div className="border-b border-warning/40 last:border-b-0">
      <p className="bg-warning-soft px-3 py-1 text-xs font-medium text-fg">
        {heading} <span className="font-normal text-fg-muted">— {label}</span>
      </p>
      <pre className="whitespace-pre-wrap px-3 py-2 font-mono text-xs text-fg">{text || "(nothing)"}</pre>
    </div>
  );
}
