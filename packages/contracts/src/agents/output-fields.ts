import { z } from "zod";
import { safeText } from "../common.ts";

/**
 * Building blocks for agent output contracts. Output schemas are sent to models as strict JSON
 * schemas, so they use only plain strings, numbers, enums, objects and bounded arrays: no
 * optional properties, defaults or transforms.
 */

/** A short single-line value: a title, a name, a list item. */
export const line = (max = 300) => safeText().min(1).max(max);

/** A paragraph or two of prose. */
export const prose = (max = 4_000) => safeText().min(1).max(max);

/** A bounded list, so a runaway model cannot produce an unbounded document. */
export const list = <Item extends z.ZodType>(item: Item, min: number, max: number) =>
  z.array(item).min(min).max(max);

/** One rule an output broke beyond what its JSON schema can say, with where it happened. */
export interface OutputProblem {
  path: (string | number)[];
  message: string;
}

/**
 * The contract is the shape plus rules JSON schema cannot express (ordering, sequences). The
 * refinement sits outside the shape, so `z.toJSONSchema` of the result equals that of the shape,
 * while parsing reports the rules as ordinary issues — which a provider's repair re-ask passes on.
 */
export function withOutputRules<Shape extends z.ZodType>(
  shape: Shape,
  rules: (output: z.output<Shape>) => OutputProblem[],
) {
  return shape.superRefine((output, ctx) => {
    for (const problem of rules(output)) {
      ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
    }
  });
}
