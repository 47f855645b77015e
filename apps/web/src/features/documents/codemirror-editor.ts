import { markdown } from "@codemirror/lang-markdown";
import { EditorState } from "@codemirror/state";
import { basicSetup, EditorView } from "codemirror";

export interface MarkdownEditorOptions {
  parent: HTMLElement;
  doc: string;
  /** The editable region's accessible name. */
  label: string;
  onChange: (doc: string) => void;
}

// The app's semantic colours, so the editor follows light and dark mode with the page.
const appTheme = EditorView.theme({
  "&": {
    backgroundColor: "var(--color-surface)",
    color: "var(--color-fg)",
    fontSize: "var(--text-sm)",
    minHeight: "24rem",
  },
  ".cm-content": { fontFamily: "var(--font-mono)", caretColor: "var(--color-fg)" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "1.5" },
  ".cm-gutters": {
    backgroundColor: "var(--color-surface-muted)",
    color: "var(--color-fg-subtle)",
    borderRight: "1px solid var(--color-border)",
  },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--color-neutral-soft)" },
  // The frame around the editor draws the focus ring (markdown-editor.tsx): one here, outside the
  // editor, was clipped by that frame's overflow-hidden and never showed.
  "&.cm-focused": { outline: "none" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground": {
    backgroundColor: "var(--color-info-soft) !important",
  },
});

/**
 * CodeMirror 6 with Markdown highlighting. Loaded only when someone edits (its own chunk).
 * Tab is not captured (no indentWithTab), so keyboard users can leave the editor with Tab.
 */
export function createMarkdownEditor({ parent, doc, label, onChange }: MarkdownEditorOptions): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        basicSetup,
        markdown(),
        EditorView.lineWrapping,
        appTheme,
        EditorView.contentAttributes.of({ "aria-label": label, "aria-multiline": "true" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
}
