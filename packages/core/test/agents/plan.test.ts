import { validatePlanOrder } from "@jeex/contracts/agents/plan";
import { describe, expect, it } from "vitest";
import { planAgent } from "../../src/agents/plan.ts";
import { draftOffline } from "../../src/llm/template/drafts.ts";
import { draftAll } from "./pipeline.ts";

describe("plan agent: offline draft", () => {
  const { outputs } = draftAll();
  const plan = outputs.plan;
  const slugs = plan.epics.map((epic) => epic.slug);

  it("orders epics: infrastructure, authentication, features from scope, integrations, testing last", () => {
    expect(slugs).toEqual([
      "infrastructure",
      "authentication",
      "record-deliveries",
      "see-stock-levels-on-their-phones",
      "get-reminders-before-an-ingredient-runs-out",
      "see-weekly-reports-of-waste-and-costs",
      "jobs",
      "testing",
    ]);
    expect(plan.epics.at(-1)?.kind).toBe("testing");
    expect(validatePlanOrder(plan)).toEqual([]);
  });

  it("builds on the architecture: its stack in tasks and each decision as a task", () => {
    const tasks = plan.epics.flatMap((epic) => epic.tasks);
    expect(plan.epics[0]?.tasks).toContain("Provision MongoDB with versioned migrations");
    for (const decision of outputs.architecture.decisions) {
      expect(tasks).toContain(`Apply ${decision.id}: ${decision.title}`);
    }
    expect(plan.epics.find((epic) => epic.slug === "authentication")?.tasks).toContain(
      "Apply ADR-005: Use OpenID Connect with a hosted identity provider for sign-in and access control",
    );
  });

  it("features depend on infrastructure and authentication; testing on everything before it", () => {
    expect(plan.epics[2]?.dependsOn).toEqual([1, 2]);
    expect(plan.epics.at(-1)?.dependsOn).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("follows a person's edit of the architecture: a changed stack row changes the plan", () => {
    const edited = draftAll({}, {}).inputs.plan;
    const architecture = edited.documents.find((document) => document.path === "docs/architecture.md");
    if (!architecture) throw new Error("architecture.md missing");
    architecture.content = architecture.content.replace("| Database | MongoDB |", "| Database | MySQL |");
    const replanned = draftOffline("plan", edited);
    expect(replanned.epics[0]?.tasks).toContain("Provision MySQL with versioned migrations");
  });

  it("applies feedback: drops a named epic, adds a requested one, keeps testing last", () => {
    const revised = draftAll({ plan: "Drop the weekly reports\nAdd an epic for supplier imports" }).outputs
      .plan;
    const revisedSlugs = revised.epics.map((epic) => epic.slug);
    expect(revisedSlugs).not.toContain("see-weekly-reports-of-waste-and-costs");
    expect(revisedSlugs).toContain("supplier-imports");
    expect(revisedSlugs.at(-1)).toBe("testing");
    expect(revised.overview).toContain('Review feedback applied: "Drop the weekly reports"');
    expect(planAgent.outputSchema.safeParse(revised).success).toBe(true);
  });

  it("feedback about an existing epic becomes a task of that epic", () => {
    const revised = draftAll({ plan: "Reminders must go out by SMS" }).outputs.plan;
    const reminders = revised.epics.find(
      (epic) => epic.slug === "get-reminders-before-an-ingredient-runs-out",
    );
    expect(reminders?.tasks.at(-1)).toBe("Review feedback: Reminders must go out by SMS");
  });
});
