import { describe, expect, it } from "vitest";
import { type Epic, type PlanOutput, planOutputSchema, validatePlanOrder } from "../../src/agents/plan.ts";

const epic = (number: number, kind: Epic["kind"], dependsOn: number[] = []): Epic => ({
  number,
  slug: kind,
  title: kind,
  kind,
  goal: `The ${kind} epic.`,
  tasks: ["Do the work"],
  acceptanceCriteria: ["It works"],
  dependsOn,
});

const plan = (epics: Epic[]): PlanOutput => ({ overview: "Three epics.", epics, risks: [] });

describe("plan contract", () => {
  it("accepts infrastructure, a feature and testing last", () => {
    const ordered = plan([epic(1, "infrastructure"), epic(2, "feature", [1]), epic(3, "testing", [1, 2])]);
    expect(validatePlanOrder(ordered)).toEqual([]);
    expect(planOutputSchema.safeParse(ordered).success).toBe(true);
  });

  it("the testing epic must be last", () => {
    const problems = validatePlanOrder(
      plan([epic(1, "infrastructure"), epic(2, "testing"), epic(3, "feature")]),
    );
    expect(problems.map((problem) => problem.message)).toEqual([
      "the testing epic must be the last epic",
      "the last epic must be testing",
    ]);
    expect(planOutputSchema.safeParse(plan([epic(1, "testing"), epic(2, "feature")])).success).toBe(false);
  });

  it("epics are numbered 1..n in order and depend only on earlier epics", () => {
    const problems = validatePlanOrder(plan([epic(1, "infrastructure", [2]), epic(3, "testing")]));
    expect(problems).toEqual([
      { path: ["epics", 0, "dependsOn", 0], message: "epic 1 can only depend on earlier epics, not 2" },
      { path: ["epics", 1, "number"], message: "expected epic number 2" },
    ]);
  });

  it("slugs are file-name safe", () => {
    const bad = plan([{ ...epic(1, "infrastructure"), slug: "Infra Structure" }, epic(2, "testing")]);
    expect(planOutputSchema.safeParse(bad).success).toBe(false);
  });
});
