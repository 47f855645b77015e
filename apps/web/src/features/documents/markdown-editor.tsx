import type { EditorView } from "@codemirror/view";
import { useEffect, useRef, useState } from "react";
import { Spinner } from "../../ui/spinner.tsx";
import { TextArea } from "../../ui/text-field.tsx";

export interface MarkdownEditorProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
}

/**
 * The Markdown editor: CodeMirror, downloaded on first use. Should its chunk fail to load, a plain
 * text area keeps the edit possible.
 */
export function MarkdownEditor({ value, onChange, label }: MarkdownEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const initialValue = useRef(value);
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");

  useEffect(() => {
    let cancelled = false;
    import("./codemirror-editor.ts").then(
      ({ createMarkdownEditor }) => {
        if (cancelled || !host.current) return;
        view.current = createMarkdownEditor({
          parent: host.current,
          doc: initialValue.current,
          label,
          onChange: (doc) => onChangeRef.current(doc),
        });
        // The editor opens because the person pressed Edit, and that button is gone now: the
        // focus it had would otherwise fall to <body>, the top of the page.
        view.current.focus();
        setStatus("ready");
      },
      () => !cancelled && setStatus("failed"),
    );
    return () => {
      cancelled = true;
      view.current?.destroy();
      view.current = undefined;
    };
  }, [label]);

  // A value set from outside (their version taken, a reset) replaces the editor's text.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  if (status === "failed") {
    return (
      <TextArea
        label={label}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        rows={24}
        className="font-mono"
        hint="The rich editor could not load; this plain editor saves the same way."
      />
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <span className="text-sm font-medium text-fg">{label}</span>
      {status === "loading" ? (
        <div className="flex items-center gap-2 py-4 text-sm text-fg-muted">
          <Spinner label="Loading the editor" />
          <span aria-hidden="true">Loading the editor…</span>
        </div>
      ) : null}
      <div
        ref={host}
        className="overflow-hidden rounded-md border border-border focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-focus focus-within:outline-solid"
        data-testid="markdown-editor"
      />
    </div>
  );
}
