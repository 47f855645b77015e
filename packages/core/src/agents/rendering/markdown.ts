import type { RenderOptions } from "../agent.ts";

/** Opens every document the `template` provider wrote, so nobody mistakes it for a model's work. */
export const templateDraftNote =
  "> Template draft — written offline from your inputs, not by a language model. Review it, or re-run this step with a model configured.";

/** Title, then the template note when the output is an offline draft. */
export const documentHead = (title: string, options: RenderOptions | undefined): string =>
  options?.templateDraft ? `# ${oneLine(title)}\n\n${templateDraftNote}` : `# ${oneLine(title)}`;

/** Free text from a model must not break the surrounding structure (headings, list items). */
export const oneLine = (text: string): string =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");

/** Prose may span paragraphs, but a line of it must not turn into a heading of the document. */
export const paragraph = (text: string): string =>
  text
    .trim()
    .split("\n")
    .map((line) => line.replace(/^(\s*)(#{1,6}\s)/, "$1\\$2"))
    .join("\n");

export const bullets = (items: string[], whenEmpty: string): string =>
  items.length ? items.map((item) => `- ${oneLine(item)}`).join("\n") : `_${whenEmpty}_`;

export const numbered = (items: string[]): string =>
  items.map((item, index) => `${index + 1}. ${oneLine(item)}`).join("\n");

export const checklist = (items: string[], whenEmpty: string): string =>
  items.length ? items.map((item) => `- [ ] ${oneLine(item)}`).join("\n") : `_${whenEmpty}_`;

const cell = (text: string): string => oneLine(text).replace(/\|/g, "\\|") || "—";

/** A GitHub-flavoured table; pipes inside cells are escaped. */
export const table = (headers: string[], rows: string[][]): string =>
  [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");

/** A fenced block; the fence grows if the body itself contains backtick runs. */
export function fenced(language: string, body: string): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${body.trimEnd()}\n${fence}`;
}

/** Blocks separated by blank lines, ending with one newline. */
export const blocks = (...parts: (string | false | null | undefined)[]): string =>
  `${parts.filter((part): part is string => typeof part === "string" && part.length > 0).join("\n\n")}\n`;
