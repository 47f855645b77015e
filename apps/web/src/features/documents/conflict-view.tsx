import { GitMerge } from "lucide-react";
import { Button } from "../../ui/button.tsx";
import { diffStats, diffTexts } from "./diff-rows.ts";
import { DiffView } from "./diff-view.tsx";
import type { TheirVersion, VersionText } from "./edit-session.ts";
import { MarkdownView } from "./markdown-view.tsx";

export interface ConflictViewProps {
  base: VersionText;
  theirs: TheirVersion;
  draft: string;
  /** Who saved their version, in words. */
  theirAuthor: string;
  theirWhen: string;
  onKeepMine: () => void;
  onEditOnTop: () => void;
  onTakeTheirs: () => void;
}

/**
 * Someone saved first. Says so plainly, shows their version and how yours differs from it, and
 * offers the two ways out: yours as a new edit on top of theirs, or theirs (yours dropped).
 */
export function ConflictView({
  base,
  theirs,
  draft,
  theirAuthor,
  theirWhen,
  onKeepMine,
  onEditOnTop,
  onTakeTheirs,
}: ConflictViewProps) {
  const rows = diffTexts(`version ${theirs.version}`, theirs.content, "your edit", draft);
  const { additions, deletions } = diffStats(rows);
  return (
    <section aria-labelledby="conflict-title" className="flex flex-col gap-4">
      <div
        role="alert"
        className="flex gap-3 rounded-lg border border-warning/40 bg-warning-soft p-4 text-sm"
      >
        <GitMerge aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-warning" />
        <div className="flex flex-col gap-1">
          <h2 id="conflict-title" className="font-semibold text-fg">
            Someone saved first: your edit was not saved
          </h2>
          <p className="text-fg">
            You were editing version {base.version}. Meanwhile {theirAuthor} saved version {theirs.version} (
            {theirWhen}), which is now the active version. Your text is kept here until you choose.
          </p>
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" onClick={onKeepMine}>
          Keep mine as a new edit on top of version {theirs.version}
        </Button>
        <Button onClick={onEditOnTop}>Edit mine on top of theirs first</Button>
        <Button variant="ghost" onClick={onTakeTheirs}>
          Drop mine, keep version {theirs.version}
        </Button>
      </div>
      <div className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold text-fg">
          Your edit compared with version {theirs.version}:{" "}
          <span className="font-normal text-success">+{additions}</span>{" "}
          <span className="font-normal text-danger">−{deletions}</span>
        </h3>
        <DiffView rows={rows} fromLabel={`version ${theirs.version}`} toLabel="your edit" />
      </div>
      <details className="rounded-lg border border-border bg-surface p-3">
        <summary className="cursor-pointer text-sm font-medium text-fg">
          Read their version {theirs.version} in full
        </summary>
        <div className="mt-3">
          <MarkdownView content={theirs.content} />
        </div>
      </details>
    </section>
  );
}
