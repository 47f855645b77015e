import { describe, expect, it } from "vitest";
import { checkPack } from "../../src/quality/check-pack.ts";
import { templatePack } from "./template-pack.ts";

const ideas = [
  { name: "Crumb", idea: undefined },
  {
    name: "Tutor",
    idea: "Language tutors need to schedule lessons and take payments with Stripe. Students should book lessons on a website.",
  },
  // Six in-scope items: the plan once capped feature epics at five and left "Reviews" untraced.
  {
    name: "Walkies",
    idea: "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking of every walk and reviews.",
  },
  {
    name: "Verein",
    idea: "Eine App für Vereine, um Mitglieder und Beiträge zu verwalten. Zahlungen per SEPA.",
  },
];

describe("the template provider's packs pass their own quality report", () => {
  for (const { name, idea } of ideas) {
    it(`has no errors for the ${name} idea`, async () => {
      const pack = templatePack(
        idea ? { project: { name, description: "", language: "en" }, idea: { idea } } : {},
      );
      const { findings, counts } = await checkPack(pack);
      expect(findings.filter((finding) => finding.severity === "error")).toEqual([]);
      expect(counts.errors).toBe(0);
      // Every check had something to read: the pack is complete, not skipped.
      expect(findings.filter((finding) => finding.code === "plan-not-written")).toEqual([]);
      expect(pack.some((file) => file.content.includes("```mermaid"))).toBe(true);
    }, 60_000);
  }
});
