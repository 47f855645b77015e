import { useState } from "react";
import { Button } from "../../ui/button.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { ErrorState } from "../../ui/error-state.tsx";
import { ConflictView } from "./conflict-view.tsx";
import { hasUnsavedWork } from "./edit-session.ts";
import { MarkdownEditor } from "./markdown-editor.tsx";
import type { EditSession } from "./use-edit-session.ts";

export interface EditPanelProps {
  session: EditSession;
  path: string;
  /** "Ada, 3 Dec 2026, 10:04" for the version someone else saved. */
  describeTheirs: (theirs: { createdBy: string | null; createdAt: string }) => { who: string; when: string };
}

/** Editing a document: the editor and save, or, after a CONFLICT, the choice between the versions. */
export function EditPanel({ session, path, describeTheirs }: EditPanelProps) {
  const { state } = session;
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  if (state.status === "conflict") {
    const { who, when } = describeTheirs(state.theirs);
    return (
      <ConflictView
        base={state.base}
        theirs={state.theirs}
        draft={state.draft}
        theirAuthor={who}
        theirWhen={when}
        onKeepMine={session.keepMine}
        onEditOnTop={session.editOnTopOfTheirs}
        onTakeTheirs={session.takeTheirs}
      />
    );
  }
  if (state.status !== "editing" && state.status !== "saving") return null;
  const saving = state.status === "saving";
  const unchanged = state.draft === state.base.content;
  return (
    <form
      className="flex flex-col gap-3"
      aria-label={`Edit ${path}`}
      onSubmit={(event) => {
        event.preventDefault();
        session.save();
      }}
    >
      <p className="text-sm text-fg-muted">
        Editing version {state.base.version}. Saving makes a new version by you; the steps after this one turn
        stale.
      </p>
      <MarkdownEditor label={`Markdown of ${path}`} value={state.draft} onChange={session.change} />
      {state.status === "editing" && state.error !== undefined ? (
        <ErrorState error={state.error} title="Could not save the edit" />
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" loading={saving} disabled={unchanged}>
          Save as a new version
        </Button>
        <Button
          disabled={saving}
          onClick={() => (hasUnsavedWork(state) ? setConfirmDiscard(true) : session.cancel())}
        >
          Cancel
        </Button>
        <span aria-live="polite" className="self-center text-sm text-fg-muted">
          {saving ? "Saving…" : unchanged ? "No changes yet" : "Unsaved changes"}
        </span>
      </div>
      <ConfirmDialog
        open={confirmDiscard}
        onOpenChange={setConfirmDiscard}
        title="Discard your changes?"
        description="Your edit has not been saved. Discarding it cannot be undone."
        confirmLabel="Discard changes"
        cancelLabel="Keep editing"
        tone="danger"
        onConfirm={() => {
          setConfirmDiscard(false);
          session.cancel();
        }}
      />
    </form>
  );
}
