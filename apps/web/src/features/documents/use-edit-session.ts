import { useCallback, useReducer, useRef } from "react";
import { isConflictError } from "./conflict-error.ts";
import {
  closedEdit,
  type EditState,
  editReducer,
  type TheirVersion,
  type VersionText,
} from "./edit-session.ts";

/** What an edit session needs from the server: the page wires these to tRPC, component tests to their own. */
export interface EditPorts {
  save(input: { baseVersionId: string; content: string }): Promise<{ id: string; version: number }>;
  /** The version that is active now (after a CONFLICT: the one someone else saved). */
  loadActive(): Promise<TheirVersion>;
}

export interface EditSession {
  state: EditState;
  start(base: VersionText): void;
  change(draft: string): void;
  save(): void;
  keepMine(): void;
  editOnTopOfTheirs(): void;
  takeTheirs(): void;
  cancel(): void;
}

export function useEditSession(ports: EditPorts): EditSession {
  const [state, dispatch] = useReducer(editReducer, closedEdit);
  const portsRef = useRef(ports);
  portsRef.current = ports;

  const submit = useCallback(async (base: VersionText, draft: string) => {
    try {
      const saved = await portsRef.current.save({ baseVersionId: base.versionId, content: draft });
      dispatch({ type: "saved", versionId: saved.id, version: saved.version });
    } catch (error) {
      if (!isConflictError(error)) {
        dispatch({ type: "failed", error });
        return;
      }
      try {
        dispatch({ type: "conflicted", theirs: await portsRef.current.loadActive() });
      } catch (loadError) {
        dispatch({ type: "failed", error: loadError });
      }
    }
  }, []);

  return {
    state,
    start: (base) => dispatch({ type: "start", base }),
    change: (draft) => dispatch({ type: "change", draft }),
    save: () => {
      if (state.status !== "editing") return;
      dispatch({ type: "save" });
      void submit(state.base, state.draft);
    },
    keepMine: () => {
      if (state.status !== "conflict") return;
      dispatch({ type: "keepMine" });
      void submit(state.theirs, state.draft);
    },
    editOnTopOfTheirs: () => dispatch({ type: "editOnTopOfTheirs" }),
    takeTheirs: () => dispatch({ type: "takeTheirs" }),
    cancel: () => dispatch({ type: "cancel" }),
  };
}
