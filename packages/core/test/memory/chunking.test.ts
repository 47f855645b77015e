import { describe, expect, it } from "vitest";
import { chunkMarkdown, defaultChunking } from "../../src/memory/pipeline/chunk-markdown.ts";
import { dropDuplicateChunks } from "../../src/memory/pipeline/dedupe.ts";
import { longestPathTitle } from "../../src/memory/pipeline/markdown-sections.ts";
import { normalizeMarkdown } from "../../src/memory/pipeline/normalize.ts";
import { longestRunHeading } from "../../src/memory/pipeline/section-runs.ts";

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

/** Every section its own chunks: the heading structure without merging. */
const sectionBySection = { ...defaultChunking, minChars: 0 };

describe("chunking Markdown by headings", () => {
  it("keeps each section's text with its heading path", () => {
    const chunks = chunkMarkdown(document, sectionBySection);
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
    expect(chunkMarkdown("Intro line.\n\n# Title\n\n## Empty\n\n## Full\n\nBody.", sectionBySection)).toEqual(
      [
        { heading: "", text: "Intro line." },
        { heading: "Title > Full", text: "Body." },
      ],
    );
  });

  it("splits a long section into pieces within the limit, each repeating the end of the one before", () => {
    const sentences = Array.from(
      { length: 40 },
      (_, i) => `Sentence number ${i} explains one more detail of the plan.`,
    );
    const chunks = chunkMarkdown(`## Plan\n\n${sentences.join(" ")}`, {
      maxChars: 300,
      overlapChars: 80,
      minChars: 0,
    });
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

  it("never cuts between the two halves of a character (each half would be stored as U+FFFD)", () => {
    // An odd start, so windows of 1,200 and overlaps of 200 land inside pairs.
    const chunks = chunkMarkdown(`# ${"🐕".repeat(200)}\n\nx${"🐕".repeat(5_000)}`);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.text.isWellFormed() && chunk.heading.isWellFormed()).toBe(true);
    expect(chunks.map((chunk) => chunk.text).join("")).not.toContain("\uFFFD");
  });

  it("cuts at paragraph boundaries when it can", () => {
    const paragraph = (n: number) => `Paragraph ${n} ${"word ".repeat(30).trim()}.`;
    const chunks = chunkMarkdown(`# Doc\n\n${[1, 2, 3, 4].map(paragraph).join("\n\n")}`, {
      maxChars: 400,
      overlapChars: 50,
      minChars: 0,
    });
    expect(chunks[0]?.text.endsWith(".")).toBe(true);
    expect(chunks[0]?.text).toContain("Paragraph 2");
    expect(chunks[0]?.text).not.toContain("Paragraph 3");
  });
});

describe("merging short sections", () => {
  it("short sections make one chunk: the first one's path and the later titles, their heading lines in its text", () => {
    expect(chunkMarkdown(document)).toEqual([
      {
        heading: "Walkies · Goals · Success measures · Architecture notes",
        text: document.slice("# Walkies\n\n".length).trim(),
      },
    ]);
    expect(chunkMarkdown("Intro line.\n\n# Title\n\n## Empty\n\n## Full\n\nBody.")).toEqual([
      { heading: "Title · Empty · Full", text: "Intro line.\n\n# Title\n\n## Empty\n\n## Full\n\nBody." },
    ]);
  });

  it("a section that spans minChars takes in nothing; a short one stays alone when the next would not fit", () => {
    const options = { maxChars: 300, overlapChars: 50, minChars: 100 };
    const long = (words: number) => "word ".repeat(words).trim();
    const markdown = `# A\n\n${long(24)}\n\n## B\n\nshort\n\n## C\n\n${long(58)}\n\n## D\n\nlast\n\n## E\n\nend`;
    expect(chunkMarkdown(markdown, options)).toEqual([
      { heading: "A", text: long(24) },
      { heading: "A > B", text: "short" },
      { heading: "A > C", text: long(58) },
      { heading: "A > D · E", text: "last\n\n## E\n\nend" },
    ]);
  });

  it("a heading too long for the path is cut short there, and kept whole at the start of its text", () => {
    const title = "Heading ".repeat(40_000).trim();
    const body = Array.from({ length: 400 }, (_, i) => `Sentence ${i} of the body.`).join(" ");
    const chunks = chunkMarkdown(`# Doc\n\n## ${title}\n\n${body}\n\n### Sub\n\n${body}`);
    // The 320 KB heading was copied into the path of each of its section's chunks (~1.3 MB).
    for (const chunk of chunks) expect(chunk.heading.length).toBeLessThanOrEqual(3 * longestPathTitle + 6);
    const cut = `Doc > ${title.slice(0, longestPathTitle - 1).trimEnd()}…`;
    expect(chunks[0]).toMatchObject({ heading: cut, text: expect.stringMatching(/^## Heading Heading/) });
    expect(chunks.at(-1)?.heading).toBe(`${cut} > Sub`);
    const text = chunks.map((chunk) => chunk.text).join(" ");
    expect(text).toContain(" Heading Heading\n\nSentence 0 of the body.");
    expect(text).toContain("Sentence 399 of the body.");
  });

  it("the heading naming a chunk's sections stops at its limit, marked with an ellipsis", () => {
    const title = (n: number) => `Section ${n} ${"name ".repeat(18).trim()}`;
    const markdown = Array.from({ length: 12 }, (_, n) => `## ${title(n)}\n\nx${n}`).join("\n\n");
    const chunks = chunkMarkdown(markdown);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.heading.length).toBeLessThanOrEqual(longestRunHeading + 4);
    expect(chunks[0]?.heading).toMatch(/^Section 0 name.* · Section 1 name.* · …$/);
    expect(chunks[0]?.text).toContain(`## ${title(4)}\n\nx4`);
  });
});

/** The most text a project's document may hold (the document size limit). */
const largestDocument = 500_000;

/** `# a` sections of one unique token each, as long as the largest document allowed. */
function tinySectionsDocument(): { markdown: string; tokens: string[] } {
  const tokens: string[] = [];
  let length = 0;
  while (length < largestDocument) {
    const token = tokens.length.toString(36);
    tokens.push(token);
    length += `# a\n${token}\n`.length;
  }
  return {
    markdown: tokens
      .map((token) => `# a\n${token}\n`)
      .join("")
      .slice(0, largestDocument),
    tokens,
  };
}

describe("a document of many tiny sections", () => {
  it("makes chunks bounded by its size, not by its number of headings", () => {
    const { markdown, tokens } = tinySectionsDocument();
    const chunks = dropDuplicateChunks(chunkMarkdown(normalizeMarkdown(markdown)));
    // Each chunk but the last spans at least minChars of the document: about 1,000 for 500 KB
    // (one chunk per section, as before, was 60,887 here).
    expect(chunks.length).toBeLessThanOrEqual(Math.ceil(markdown.length / defaultChunking.minChars) + 1);
    expect(chunks.length).toBeGreaterThan(0);
    // Nothing is lost: every section's token and heading is in some chunk's text or path.
    const indexed = new Set(chunks.flatMap((chunk) => chunk.text.split("\n")));
    for (const token of tokens.slice(0, -1)) expect(indexed.has(token)).toBe(true);
    expect(chunks[0]?.heading).toMatch(/^a · a · a · a/);
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
