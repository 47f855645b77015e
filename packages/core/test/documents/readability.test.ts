import { describe, expect, it } from "vitest";
import { markdownToProse, measureReadability } from "../../src/documents/readability.ts";

const plainParagraph =
  "The cat sat on the mat. It was a warm day. The sun was out and the birds sang. " +
  "We sat in the shade and read our books.";

const denseParagraph =
  "Organisational interoperability necessitates comprehensive standardisation of heterogeneous " +
  "infrastructural configurations, particularly regarding authentication, authorisation and " +
  "administrative responsibilities across institutional boundaries.";

describe("readability", () => {
  it("scores plain short sentences as easy, at an early grade", () => {
    const scores = measureReadability(plainParagraph);
    expect(scores.wordCount).toBe(28);
    expect(scores.fleschReadingEase).toBeGreaterThan(80);
    expect(scores.fleschReadingEase).toBeLessThanOrEqual(121);
    expect(scores.gradeLevel).toBeGreaterThanOrEqual(0);
    expect(scores.gradeLevel).toBeLessThan(5);
  });

  it("scores long, polysyllabic prose as hard, at a college grade", () => {
    const scores = measureReadability(denseParagraph);
    expect(scores.fleschReadingEase).toBeLessThan(20);
    expect(scores.gradeLevel).toBeGreaterThan(16);
  });

  it("rounds to one decimal", () => {
    const scores = measureReadability(plainParagraph);
    expect(Number.isInteger(scores.fleschReadingEase * 10)).toBe(true);
    expect(Number.isInteger(scores.gradeLevel * 10)).toBe(true);
  });

  it("empty or code-only text scores zeros, never NaN", () => {
    const empty = { fleschReadingEase: 0, gradeLevel: 0, wordCount: 0 };
    expect(measureReadability("")).toEqual(empty);
    expect(measureReadability("   \n\n")).toEqual(empty);
    expect(measureReadability('```mermaid\nC4Context\n  Person(a, "A")\n```')).toEqual(empty);
  });

  it("measures the prose of Markdown, not its syntax", () => {
    const markdown = [
      "# Crumb",
      "",
      "> Template draft",
      "",
      "The cat sat on the **mat**. See [the docs](https://example.com/a/very/long/url).",
      "",
      "| Area | Choice |",
      "| --- | --- |",
      "| Database | PostgreSQL |",
      "",
      "```mermaid",
      "flowchart LR",
      "  a --> b",
      "```",
      "",
      "- [ ] Open question",
    ].join("\n");
    expect(markdownToProse(markdown)).toBe(
      [
        "Crumb.",
        "Template draft",
        "The cat sat on the mat. See the docs.",
        "Area. Choice.",
        "Database. PostgreSQL.",
        "Open question.",
      ].join("\n"),
    );
    expect(measureReadability(markdown).wordCount).toBe(18);
  });
});
