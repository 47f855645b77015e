import type { Mermaid } from "mermaid";

let loading: Promise<Mermaid> | undefined;

/**
 * Mermaid is large (~1 MB), so it downloads with the first diagram on screen, once. `strict`
 * keeps labels as text (no HTML, no click handlers); nothing in it needs eval, so it runs under
 * the app's `script-src 'self'`.
 */
export function loadMermaid(): Promise<Mermaid> {
  loading ??= import("mermaid").then(({ default: mermaid }) => {
    const dark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
    return mermaid;
  });
  // A failed download may succeed on the next diagram.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

let counter = 0;
/** Mermaid needs a document-unique element id that is also a valid CSS selector (useId's is not). */
export const nextDiagramId = () => `jeex-diagram-${++counter}`;
