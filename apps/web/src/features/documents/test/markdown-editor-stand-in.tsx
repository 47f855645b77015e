import type { MarkdownEditorProps } from "../markdown-editor.tsx";

/**
 * Replaces the CodeMirror editor in tests: CodeMirror needs layout jsdom does not have, and a
 * labelled text area is found and typed into the same way. Use with
 * `vi.mock("./markdown-editor.tsx", () => import("./test/markdown-editor-stand-in.tsx"))`.
 */
export function MarkdownEditor({ value, onChange, label }: MarkdownEditorProps) {
  return <textarea aria-label={label} value={value} onChange={(event) => onChange(event.target.value)} />;
}
