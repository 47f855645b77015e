import { describe, expect, it } from "vitest";
import { chunkMarkdown } from "../../src/memory/pipeline/chunk-markdown.ts";
import { dropDuplicateChunks } from "../../src/memory/pipeline/dedupe.ts";
import { normalizeMarkdown } from "../../src/memory/pipeline/normalize.ts";

/** Length of the longest end of `previous` that `next` begins with. */
function sharedOverlap(previous: string, next: string): number {
  for (let length = Math.min(previous.length, next.length); length > 0; length--) {
    if (previous.endsWith(next.slice(0, length))) return length;
  }
  return 0;
}

const document = `# Walkies

> Template draft: written offline.

## Goals

Owners find a trusted walker in minutes.

### Success measures

- 80% of walks booked within a day

## Architecture notes

\`\`\`md
# not a heading inside a code block
\`\`\`

Postgres with row level security.
`;

describe("chunking Markdown by headings", () => {
  it("keeps each section's text with its heading path", () => {
    const chunks = chunkMarkdown(document);
    expect(chunks).toEqual([
      { heading: "Walkies", text: "> Template draft: written offline." },
      { heading: "Walkies > Goals", text: "Owners find a trusted walker in minutes." },
      { heading: "Walkies > Goals > Success measures", text: "- 80% of walks booked within a day" },
      {
        heading: "Walkies > Architecture notes",
        text: "```md\n# not a heading inside a code block\n```\n\nPostgres with row level security.",
      },
    ]);
  });

  it("text before the first heading has an empty heading path; headings without text make no chunk", () => {
    expect(chunkMarkdown("Intro line.\n\n# Title\n\n## Empty\n\n## Full\n\nBody.")).toEqual([
      { heading: "", text: "Intro line." },
      { heading: "Title > Full", text: "Body." },
    ]);
  });

  it("splits a long section into pieces within the limit, each repeating the end of the one before", () => {
    const sentences = Array.from(
      { length: 40 },
      (_, i) => `Sentence number ${i} explains one more detail of the plan.`,
    );
    const chunks = chunkMarkdown(`## Plan\n\n${sentences.join(" ")}`, { maxChars: 300, overlapChars: 80 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) {
      expect(chunk.heading).toBe("Plan");
      expect(chunk.text.length).toBeLessThanOrEqual(300);
    }
    for (let i = 1; i < chunks.length; i++) {
      // Up to 80 characters, less what it takes to start at a word.
      expect(sharedOverlap(chunks[i - 1]?.text ?? "", chunks[i]?.text ?? "")).toBeGreaterThanOrEqual(60);
      expect(sharedOverlap(chunks[i - 1]?.text ?? "", chunks[i]?.text ?? "")).toBeLessThanOrEqual(80);
      expect(chunks[i]?.text).toMatch(/^\S/);
    }
    // Nothing is lost: every sentence is in some chunk.
    for (const sentence of sentences)
      expect(chunks.some((chunk) => chunk.text.includes(sentence))).toBe(true);
  });

  it("cuts at paragraph boundaries when it can", () => {
    const paragraph = (n: number) => `Paragraph ${n} ${"word ".repeat(30).trim()}.`;
    const chunks = chunkMarkdown(`# Doc\n\n${[1, 2, 3, 4].map(paragraph).join("\n\n")}`, {
      maxChars: 400,
      overlapChars: 50,
    });
    expect(chunks[0]?.text.endsWith(".")).toBe(true);
    expect(chunks[0]?.text).toContain("Paragraph 2");
    expect(chunks[0]?.text).not.toContain("Paragraph 3");
  });
});

describe("normalising and dropping duplicates", () => {
  it("normalises line ends, trailing spaces, blank runs and invisible characters", () => {
    expect(normalizeMarkdown("\uFEFF# T\r\n\r\n\r\n\r\nline  \r\nnext\u200B\n")).toBe("# T\n\nline\nnext");
  });

  it("drops chunks whose text repeats an earlier one, whatever the case and spacing", () => {
    const kept = dropDuplicateChunks([
      { heading: "A", text: "Template draft: written offline." },
      { heading: "B", text: "Something else." },
      { heading: "C", text: "template   draft:\nwritten OFFLINE." },
    ]);
    expect(kept.map((chunk) => chunk.heading)).toEqual(["A", "B"]);
    expect(kept[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(kept.map((chunk) => chunk.contentHash)).size).toBe(2);
  });
});
