import { z } from "zod";
import { line, list, type OutputProblem, prose, withOutputRules } from "./output-fields.ts";

export const epicKinds = ["infrastructure", "authentication", "feature", "integration", "testing"] as const;

export const epicSchema = z.object({
  /** 1-based position; also the `NN` in `docs/plans/NN-<slug>.md`. */
  number: z.number().int().min(1).max(99),
  slug: z
    .string()
    .min(1)
    .max(50)
    .regex(/^[a-z0-9-]+$/, "lowercase letters, digits and dashes"),
  title: line(120),
  kind: z.enum(epicKinds),
  goal: prose(1_200),
  tasks: list(line(400), 1, 20),
  acceptanceCriteria: list(line(400), 1, 12),
  /** Numbers of earlier epics this one builds on. */
  dependsOn: list(z.number().int().min(1).max(99), 0, 20),
});
export type Epic = z.infer<typeof epicSchema>;

/** Project Planner output: an overview and ordered epics, testing last. */
export const planOutputShapeSchema = z.object({
  overview: prose(),
  epics: list(epicSchema, 2, 20),
  risks: list(line(400), 0, 12),
});
export type PlanOutput = z.infer<typeof planOutputShapeSchema>;

/**
 * Ordering rules JSON schema cannot express: epics numbered 1..n in order, dependencies only on
 * earlier epics, and exactly one testing epic, last — the pack's `[N]-testing.md` convention.
 */
export function validatePlanOrder(plan: PlanOutput): OutputProblem[] {
  const problems: OutputProblem[] = [];
  plan.epics.forEach((epic, index) => {
    if (epic.number !== index + 1) {
      problems.push({ path: ["epics", index, "number"], message: `expected epic number ${index + 1}` });
    }
    epic.dependsOn.forEach((dependency, at) => {
      if (dependency >= epic.number) {
        problems.push({
          path: ["epics", index, "dependsOn", at],
          message: `epic ${epic.number} can only depend on earlier epics, not ${dependency}`,
        });
      }
    });
    if (epic.kind === "testing" && index !== plan.epics.length - 1) {
      problems.push({ path: ["epics", index, "kind"], message: "the testing epic must be the last epic" });
    }
  });
  const last = plan.epics.at(-1);
  if (last && last.kind !== "testing") {
    problems.push({
      path: ["epics", plan.epics.length - 1, "kind"],
      message: "the last epic must be testing",
    });
  }
  return problems;
}

/** The contract agents are held to: the shape plus ordering rules. */
export const planOutputSchema = withOutputRules(planOutputShapeSchema, validatePlanOrder);
