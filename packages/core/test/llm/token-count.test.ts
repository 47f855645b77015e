import { countTokens as cl100k } from "gpt-tokenizer/encoding/cl100k_base";
import { countTokens as o200k } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { countingFor, countingPieces, tokenCounterFor } from "../../src/llm/token-count.ts";

const prose = "Dog owners book trusted local walkers; the walk is tracked live and reviewed afterwards.";

describe("counting a prompt's tokens", () => {
  it.each([
    ["gpt-4o-mini", "o200k_base"],
    ["gpt-4.1", "o200k_base"],
    ["gpt-5", "o200k_base"],
    ["o3-mini", "o200k_base"],
    ["openai/gpt-4o", "o200k_base"],
    ["gpt-4-turbo", "cl100k_base"],
    ["gpt-3.5-turbo", "cl100k_base"],
  ] as const)("%s is counted exactly with %s", (model, encoding) => {
    expect(countingFor(model)).toMatchObject({ encoding, exact: true });
  });

  it.each(["llama3.1:8b", "qwen2.5-coder", "mistral-small", "template-v1", "gpt4all", "o1x"])(
    "%s has no tokenizer here: approximate, with o200k_base",
    (model) => {
      const counting = countingFor(model);
      expect(counting).toMatchObject({ encoding: "o200k_base", exact: false });
      expect(counting.description).toContain("approximate");
    },
  );

  it("counts with the family's own encoding (the two encodings split the same text differently)", async () => {
    const text = `${prose} Ünïcode — 日本語のテキスト, emoji 🐕 and code: \`const x = 1;\``;
    expect((await tokenCounterFor("gpt-4o")).count(text)).toBe(o200k(text));
    expect((await tokenCounterFor("gpt-4")).count(text)).toBe(cl100k(text));
    expect(o200k(text)).not.toBe(cl100k(text));
    expect((await tokenCounterFor("gpt-4o")).count("hello world")).toBe(2);
  });

  it("counts text that looks like a special token as the plain text the API receives", async () => {
    const counter = await tokenCounterFor("gpt-4o");
    expect(counter.count("before <|endoftext|> after")).toBeGreaterThan(3);
  });
});

describe("counting long text in bounded pieces", () => {
  it("cuts before a space, never loses a character, and keeps prose exact", async () => {
    const prose = "The quick brown fox jumps over the lazy dog.\nAnd again, ".repeat(400);
    const pieces = countingPieces(prose);
    expect(pieces.join("")).toBe(prose);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThanOrEqual(1_000);
    expect(pieces.slice(1).every((piece) => piece.startsWith("\n") || piece.startsWith(" "))).toBe(true);
    expect((await tokenCounterFor("gpt-4o")).count(prose)).toBe(o200k(prose));
  });

  it("splits one run with no break at all (a line of 500 KB spaces) into pieces, so BPE stays linear", () => {
    const run = `#${" ".repeat(500_000)}`;
    const pieces = countingPieces(run);
    expect(pieces.join("")).toBe(run);
    expect(pieces.length).toBeGreaterThan(400);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThanOrEqual(1_000);
  });
});
