import { type Step, steps } from "@jeex/contracts/steps";
import { PreconditionFailedError } from "../errors.ts";

/** A pack is only exported whole: every step needs at least one active document. */
export class IncompletePackError extends PreconditionFailedError {
  readonly missing: Step[];
  constructor(missing: Step[]) {
    super(
      `the pack needs an active document for every step; no active document for ${missing.join(", ")}: run ${missing.length > 1 ? "them" : "it"} first`,
    );
    this.missing = missing;
  }
}

export const missingSteps = (documents: { step: Step }[]): Step[] =>
  steps.filter((step) => !documents.some((doc) => doc.step === step));

export function assertPackComplete(documents: { step: Step }[]): void {
  const missing = missingSteps(documents);
  if (missing.length > 0) throw new IncompletePackError(missing);
}
