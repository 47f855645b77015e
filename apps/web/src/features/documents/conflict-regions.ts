/** A merged text cut into what merged cleanly and the regions both sides changed differently. */
export type MergedSegment =
  | { kind: "text"; text: string }
  | { kind: "conflict"; mine: string; agent: string; mineLabel: string; agentLabel: string };

const opening = "<<<<<<< ";
const divider = "=======";
const closing = ">>>>>>> ";

/**
 * Reads the markers the server writes (`<<<<<<< your edit …`, `=======`, `>>>>>>> agent …`).
 * A region left unclosed (the person deleted its end marker) stays plain text.
 */
export function conflictRegions(content: string): MergedSegment[] {
  const segments: MergedSegment[] = [];
  const lines = content.split("\n");
  let text: string[] = [];
  const flushText = () => {
    if (text.length > 0) segments.push({ kind: "text", text: text.join("\n") });
    text = [];
  };
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at] ?? "";
    const split = line.startsWith(opening) ? lines.indexOf(divider, at + 1) : -1;
    const end = split > at ? lines.findIndex((next, index) => index > split && next.startsWith(closing)) : -1;
    if (end < 0) {
      text.push(line);
      continue;
    }
    flushText();
    segments.push({
      kind: "conflict",
      mineLabel: line.slice(opening.length),
      mine: lines.slice(at + 1, split).join("\n"),
      agent: lines.slice(split + 1, end).join("\n"),
      agentLabel: (lines[end] ?? "").slice(closing.length),
    });
    at = end;
  }
  flushText();
  return segments;
}
