import { describe, expect, it } from "vitest";
import {
  atxHeading,
  replaceAngleTags,
  replaceLinksWithLabels,
  stripPairedMarks,
  stripTrailing,
  stripTrailingBlanksPerLine,
} from "../../src/text-work/markdown-scan.ts";

// The scans replace regular expressions that backtrack; on short inputs those expressions are
// fast, so they serve as the reference the scans must agree with.
const alphabet = ["a", "b", " ", "\t", "\n", "[", "]", "(", ")", "!", "<", ">", "*", "_", "`", "#", "."];
function randomTexts(count: number, maxLength: number, seed = 7): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: next() % maxLength }, () => alphabet[next() % alphabet.length]).join(""),
  );
}
const samples = randomTexts(4000, 24);

describe("linear Markdown scans agree with the expressions they replace", () => {
  it("links and images become their labels", () => {
    for (const text of samples)
      expect(replaceLinksWithLabels(text), JSON.stringify(text)).toBe(
        text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1"),
      );
  });

  it("angle-bracket tags become the replacement", () => {
    for (const text of samples)
      expect(replaceAngleTags(text, " "), JSON.stringify(text)).toBe(text.replace(/<[^>]+>/g, " "));
  });

  it("paired emphasis and code marks are removed", () => {
    for (const text of samples) {
      const oneLine = text.replace(/\n/g, "a");
      expect(stripPairedMarks(oneLine, ["**", "__", "*"]), JSON.stringify(oneLine)).toBe(
        oneLine.replace(/(\*\*|__|\*)(.+?)\1/g, "$2"),
      );
      expect(stripPairedMarks(oneLine, ["**", "*", "`"]), JSON.stringify(oneLine)).toBe(
        oneLine.replace(/(\*\*|\*|`)(.+?)\1/g, "$2"),
      );
    }
  });

  it("trailing runs are stripped", () => {
    for (const text of samples) {
      expect(stripTrailing(text, ".!")).toBe(text.replace(/[.!]+$/, ""));
      expect(stripTrailingBlanksPerLine(text)).toBe(text.replace(/[ \t]+$/gm, ""));
    }
  });

  it("ATX headings read as the chunker's heading line did, for non-empty titles", () => {
    const headingLine = /^(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
    for (const text of samples.flatMap((sample) => [sample, `## ${sample}`, `# a${sample}`])) {
      const line = text.replace(/\n/g, " ");
      const expected = headingLine.exec(line);
      const heading = atxHeading(line);
      if (expected?.[2]?.trim()) {
        expect(heading, JSON.stringify(line)).toEqual({
          level: expected[1]?.length,
          text: expected[2].trim(),
        });
      } else if (!expected) {
        expect(heading === null || heading.text === "", JSON.stringify(line)).toBe(true);
      }
    }
  });
});

describe("the scans stay fast on the inputs that froze the server", () => {
  const size = 500_000;
  const cases: [string, () => unknown][] = [
    ["links without closers", () => replaceLinksWithLabels("[".repeat(size))],
    ["labels without targets", () => replaceLinksWithLabels("[a](".repeat(size / 4))],
    ["tags without closers", () => replaceAngleTags("<".repeat(size), " ")],
    ["emphasis without closers", () => stripPairedMarks("**a".repeat(size / 3), ["**", "__", "*"])],
    ["a line of spaces", () => stripTrailingBlanksPerLine(`${" ".repeat(size)}x`)],
    ["a heading of spaces", () => atxHeading(`#${" ".repeat(size)}x`)],
  ];
  for (const [name, run] of cases) {
    it(`${name} (500 KB) in well under a second`, () => {
      const started = performance.now();
      run();
      expect(performance.now() - started).toBeLessThan(1_000);
    });
  }
});
