import { describe, expect, it } from "vitest";
import { conflictRegions } from "./conflict-regions.ts";

describe("conflictRegions", () => {
  it("cuts a merge into clean text and the regions both sides changed, with their labels", () => {
    const merged = [
      "# About",
      "<<<<<<< your edit (version 2)",
      "Mine.",
      "=======",
      "Theirs.",
      ">>>>>>> agent (version 3, run r1)",
      "The end.",
    ].join("\n");

    expect(conflictRegions(merged)).toEqual([
      { kind: "text", text: "# About" },
      {
        kind: "conflict",
        mine: "Mine.",
        agent: "Theirs.",
        mineLabel: "your edit (version 2)",
        agentLabel: "agent (version 3, run r1)",
      },
      { kind: "text", text: "The end." },
    ]);
  });

  it("keeps a region whose end marker was deleted as plain text", () => {
    const text = "<<<<<<< your edit (version 2)\nMine.\n=======\nTheirs.";
    expect(conflictRegions(text)).toEqual([{ kind: "text", text }]);
  });
});
