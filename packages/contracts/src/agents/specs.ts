import { z } from "zod";
import { line, list, prose } from "./output-fields.ts";

/** Engineering Standards output: how the team builds, and when work counts as done. */
export const specsOutputSchema = z.object({
  summary: prose(1_500),
  standards: list(z.object({ area: line(80), rules: list(line(400), 1, 12) }), 1, 16),
  conventions: list(z.object({ topic: line(120), rule: line(500) }), 1, 30),
  definitionOfDone: list(line(400), 1, 20),
  qualityGates: list(
    z.object({
      name: line(120),
      tool: line(120),
      threshold: line(200),
      /** Whether a failure blocks the merge, or only reports. */
      blocking: z.boolean(),
    }),
    1,
    16,
  ),
});
export type SpecsOutput = z.infer<typeof specsOutputSchema>;
