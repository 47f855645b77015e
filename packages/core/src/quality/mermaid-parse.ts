/// <reference path="../types/jsdom.d.ts" />
/**
 * Mermaid's own parser, in Node. `mermaid.parse` runs the same grammar the web app renders with;
 * some diagram types (C4) sanitise their labels with DOMPurify while parsing, which needs a DOM,
 * so a jsdom window is provided first. Both are loaded on first use only, by dynamic import:
 * DOMPurify binds to `window` when its module is evaluated (a static import would evaluate it
 * before the window exists), and the 3 s load belongs on the text-work thread that parses, not
 * in every process that imports the core.
 */

export interface MermaidProblem {
  message: string;
  /** 1-based line inside the diagram, when the parser says. */
  line: number | null;
}

type Parse = (text: string) => Promise<unknown>;
let loading: Promise<Parse> | undefined;

async function loadParser(): Promise<Parse> {
  if (!("window" in globalThis)) {
    const { JSDOM } = await import("jsdom");
    Object.assign(globalThis, { window: new JSDOM("").window });
  }
  const { default: mermaid } = await import("mermaid");
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
  return (text) => mermaid.parse(text);
}

/** null when `source` parses; else mermaid's message (first line) and where. */
export async function mermaidProblem(source: string): Promise<MermaidProblem | null> {
  loading ??= loadParser();
  const parse = await loading;
  try {
    await parse(source);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { message: message.split("\n")[0]?.trim() || "the diagram does not parse", line: lineOf(error) };
  }
}

/** Jison's parse errors carry `loc.first_line` (1-based); its lexer errors `line` (0-based). */
function lineOf(error: unknown): number | null {
  const hash = (error as { hash?: { loc?: { first_line?: unknown }; line?: unknown } }).hash;
  if (typeof hash?.loc?.first_line === "number" && hash.loc.first_line > 0) return hash.loc.first_line;
  if (typeof hash?.line === "number" && hash.line >= 0) return hash.line + 1;
  return null;
}
