/** The version an edit is based on, or the one someone else saved first. */
export interface VersionText {
  versionId: string;
  version: number;
  content: string;
}

export interface TheirVersion extends VersionText {
  source: "agent" | "human" | "merged";
  createdBy: string | null;
  createdAt: string;
}

/**
 * One edit of a document, start to end:
 * editing → saving → saved, or → conflict (someone saved first) → keep mine (saving again, on top
 * of their version) / edit on top of theirs (editing) / take theirs (closed, draft dropped).
 */
export type EditState =
  | { status: "closed" }
  | { status: "editing"; base: VersionText; draft: string; error?: unknown }
  | { status: "saving"; base: VersionText; draft: string }
  | { status: "conflict"; base: VersionText; draft: string; theirs: TheirVersion }
  | { status: "saved"; versionId: string; version: number };

export type EditEvent =
  | { type: "start"; base: VersionText }
  | { type: "change"; draft: string }
  | { type: "save" }
  | { type: "saved"; versionId: string; version: number }
  | { type: "failed"; error: unknown }
  | { type: "conflicted"; theirs: TheirVersion }
  | { type: "keepMine" }
  | { type: "editOnTopOfTheirs" }
  | { type: "takeTheirs" }
  | { type: "cancel" };

export const closedEdit: EditState = { status: "closed" };

export function editReducer(state: EditState, event: EditEvent): EditState {
  switch (event.type) {
    case "start":
      return { status: "editing", base: event.base, draft: event.base.content };
    case "change":
      return state.status === "editing" ? { ...state, draft: event.draft, error: undefined } : state;
    case "save":
      return state.status === "editing" ? { status: "saving", base: state.base, draft: state.draft } : state;
    case "saved":
      return state.status === "saving"
        ? { status: "saved", versionId: event.versionId, version: event.version }
        : state;
    case "failed":
      return state.status === "saving"
        ? { status: "editing", base: state.base, draft: state.draft, error: event.error }
        : state;
    case "conflicted":
      return state.status === "saving"
        ? { status: "conflict", base: state.base, draft: state.draft, theirs: event.theirs }
        : state;
    // Their version becomes the base, so the next save is a new edit on top of it.
    case "keepMine":
      return state.status === "conflict"
        ? { status: "saving", base: rebased(state.theirs), draft: state.draft }
        : state;
    case "editOnTopOfTheirs":
      return state.status === "conflict"
        ? { status: "editing", base: rebased(state.theirs), draft: state.draft }
        : state;
    case "takeTheirs":
    case "cancel":
      return closedEdit;
  }
}

const rebased = (theirs: TheirVersion): VersionText => ({
  versionId: theirs.versionId,
  version: theirs.version,
  content: theirs.content,
});

/** Whether leaving now would lose typed work. */
export function hasUnsavedWork(state: EditState): boolean {
  switch (state.status) {
    case "editing":
      return state.draft !== state.base.content;
    case "saving":
    case "conflict":
      return true;
    default:
      return false;
  }
}
