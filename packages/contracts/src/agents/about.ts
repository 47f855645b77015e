import { z } from "zod";
import { line, list, prose } from "./output-fields.ts";

/** Business Analyst output: what the product is, for whom, and what it must achieve. */
export const aboutOutputSchema = z.object({
  title: line(120),
  summary: prose(1_200),
  problem: prose(),
  audience: list(z.object({ segment: line(200), needs: prose(1_000) }), 1, 8),
  goals: list(line(400), 1, 12),
  keyFacts: list(line(500), 0, 20),
  scope: z.object({
    inScope: list(line(300), 1, 15),
    outOfScope: list(line(300), 0, 15),
  }),
  openQuestions: list(line(400), 0, 15),
});
export type AboutOutput = z.infer<typeof aboutOutputSchema>;
