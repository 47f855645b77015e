import { describe, expect, it } from "vitest";
import { closedEdit, type EditEvent, type EditState, editReducer, hasUnsavedWork } from "./edit-session.ts";
import { base, theirs } from "./test/edit-versions.ts";

const run = (...events: EditEvent[]) => events.reduce<EditState>(editReducer, closedEdit);
/** The draft "mine" saved while someone else had saved `theirs`. */
const conflictOverMine = () =>
  run(
    { type: "start", base },
    { type: "change", draft: "mine" },
    { type: "save" },
    { type: "conflicted", theirs },
  );

describe("an edit session: editing → saving → conflict → keep mine / take theirs", () => {
  it("starts from the base version's text and tracks the draft", () => {
    const state = run({ type: "start", base }, { type: "change", draft: "# About\n\nMine.\n" });
    expect(state).toEqual({ status: "editing", base, draft: "# About\n\nMine.\n", error: undefined });
    expect(hasUnsavedWork(state)).toBe(true);
    expect(hasUnsavedWork(run({ type: "start", base }))).toBe(false);
  });

  it("a save that succeeds ends saved; one that fails returns to editing with the error and the draft", () => {
    const saving = run({ type: "start", base }, { type: "change", draft: "mine" }, { type: "save" });
    expect(saving.status).toBe("saving");
    expect(editReducer(saving, { type: "saved", versionId: "v2", version: 2 })).toEqual({
      status: "saved",
      versionId: "v2",
      version: 2,
    });
    const failed = editReducer(saving, { type: "failed", error: new Error("too long") });
    expect(failed).toMatchObject({ status: "editing", draft: "mine", base });
  });

  it("a conflict keeps the draft beside their version; keep mine saves it on top of theirs", () => {
    const conflict = conflictOverMine();
    expect(conflict).toEqual({ status: "conflict", base, draft: "mine", theirs });
    expect(hasUnsavedWork(conflict)).toBe(true);

    const kept = editReducer(conflict, { type: "keepMine" });
    expect(kept).toEqual({
      status: "saving",
      base: { versionId: "v2", version: 2, content: theirs.content },
      draft: "mine",
    });
  });

  it("take theirs drops the draft; edit on top of theirs goes back to editing against their version", () => {
    const conflict = conflictOverMine();
    expect(editReducer(conflict, { type: "takeTheirs" })).toEqual(closedEdit);
    expect(editReducer(conflict, { type: "editOnTopOfTheirs" })).toEqual({
      status: "editing",
      base: { versionId: "v2", version: 2, content: theirs.content },
      draft: "mine",
    });
  });

  it("ignores events that do not belong to the current state", () => {
    const editing = run({ type: "start", base });
    expect(editReducer(editing, { type: "keepMine" })).toBe(editing);
    expect(editReducer(editing, { type: "saved", versionId: "x", version: 9 })).toBe(editing);
    const saving = editReducer(editing, { type: "save" });
    expect(editReducer(saving, { type: "change", draft: "typed while saving" })).toBe(saving);
    expect(editReducer(closedEdit, { type: "save" })).toBe(closedEdit);
  });
});
