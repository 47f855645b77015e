import { steps } from "@jeex/contracts/steps";
import { describe, expect, it } from "vitest";
import { agentFor } from "../../src/agents/registry.ts";
import { templateDraftNote } from "../../src/agents/rendering/markdown.ts";
import { draftAll } from "./pipeline.ts";

describe("rendered documents", () => {
  const { outputs, inputs, rendered } = draftAll();
  const all = Object.values(rendered).flat();
  const byPath = (path: string) => all.find((document) => document.path === path);
  const architecture = byPath("docs/architecture.md")?.content ?? "";

  it("land at the paths of the export tree, with their kinds", () => {
    expect(rendered.about.map((document) => [document.path, document.kind])).toEqual([
      ["docs/about.md", "about"],
    ]);
    expect(rendered.specs.map((document) => [document.path, document.kind])).toEqual([
      ["docs/specs.md", "specs"],
    ]);
    expect(rendered.architecture.map((document) => [document.path, document.kind])).toEqual([
      ["docs/architecture.md", "architecture"],
      ["docs/adr/ADR-001-structure-crumb-as-a-modular-monolith.md", "adr"],
      ["docs/adr/ADR-002-use-typescript-on-node-js-for-the-backend-api.md", "adr"],
      ["docs/adr/ADR-003-use-mongodb-for-the-primary-database.md", "adr"],
      ["docs/adr/ADR-004-use-react-native-for-the-mobile-app.md", "adr"],
      ["docs/adr/ADR-005-use-openid-connect-with-a-hosted-identity-provider.md", "adr"],
      ["docs/adr/ADR-006-use-redis-with-bullmq-for-background-jobs.md", "adr"],
      ["docs/adr/ADR-007-use-containers-on-a-managed-platform-for-hosting.md", "adr"],
      ["docs/adr/ADR-008-use-opentelemetry-with-structured-logs.md", "adr"],
    ]);
    expect(rendered.plan.map((document) => [document.path, document.kind])).toEqual([
      ["docs/plans/overview.md", "plan-overview"],
      ["docs/plans/01-infrastructure.md", "plan-epic"],
      ["docs/plans/02-authentication.md", "plan-epic"],
      ["docs/plans/03-record-deliveries.md", "plan-epic"],
      ["docs/plans/04-see-stock-levels-on-their-phones.md", "plan-epic"],
      ["docs/plans/05-get-reminders-before-an-ingredient-runs-out.md", "plan-epic"],
      ["docs/plans/06-see-weekly-reports-of-waste-and-costs.md", "plan-epic"],
      ["docs/plans/07-jobs.md", "plan-epic"],
      ["docs/plans/08-testing.md", "plan-epic"],
    ]);
  });

  it("every file name is lowercase after its id or number, with at most 50 slug characters", () => {
    for (const document of all) {
      const name = document.path.split("/").at(-1) ?? "";
      const slug = name.replace(/^(ADR-\d{3}|\d{2})-/, "").replace(/\.md$/, "");
      expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(slug.length).toBeLessThanOrEqual(50);
    }
  });

  it("architecture.md runs context → constraints → options → stack → decisions → diagrams", () => {
    const headings = architecture.split("\n").filter((line) => line.startsWith("## "));
    expect(headings).toEqual([
      "## Context",
      "## Constraints",
      "## Options considered",
      "## Stack",
      "## Decisions",
      "## Diagrams",
    ]);
  });

  it("architecture.md carries both C4 diagrams in mermaid fences", () => {
    const fences = [...architecture.matchAll(/```mermaid\n(C4\w+)\n[\s\S]*?\n```/g)].map((match) => match[1]);
    expect(fences).toEqual(["C4Context", "C4Container"]);
  });

  it("every decision in architecture.md links to its ADR file, and every ADR is linked", () => {
    const links = [...architecture.matchAll(/\[(ADR-\d{3})\]\((adr\/[^)]+)\)/g)].map((match) => ({
      id: match[1],
      path: `docs/${match[2]}`,
    }));
    expect(links.map((link) => link.id)).toEqual(
      outputs.architecture.decisions.map((decision) => decision.id),
    );
    for (const link of links) {
      expect(byPath(link.path)?.content).toMatch(new RegExp(`^# ${link.id}: `));
    }
    expect(links).toHaveLength(rendered.architecture.length - 1);
  });

  it("the plan overview links every epic file and draws the order", () => {
    const overview = byPath("docs/plans/overview.md")?.content ?? "";
    for (const document of rendered.plan.slice(1)) {
      expect(overview).toContain(`](${document.path.replace("docs/plans/", "")})`);
    }
    expect(overview).toContain("```mermaid\nflowchart LR");
  });

  it("every document of an offline draft opens with the template-draft note", () => {
    for (const document of all) {
      const [title, blank, note] = document.content.split("\n");
      expect(title).toMatch(/^# /);
      expect(blank).toBe("");
      expect(note).toBe(templateDraftNote);
    }
  });

  it("without the flag, no document carries the note", () => {
    for (const step of steps) {
      // Same outputs, rendered as if a model had written them.
      const documents = agentFor(step).render(outputs[step] as never, inputs[step]);
      for (const document of documents) expect(document.content).not.toContain("Template draft");
      expect(documents.length).toBe(rendered[step].length);
    }
  });

  it("free text cannot break the document structure", () => {
    const about = { ...outputs.about, goals: ["Line one\n## Injected heading"], title: "Crumb\nSecond line" };
    const content = agentFor("about").render(about, inputs.about)[0]?.content ?? "";
    expect(content.startsWith("# Crumb Second line\n")).toBe(true);
    expect(content).not.toContain("\n## Injected heading");
  });
});
