import { type IdeaInput, type Step, stepsBefore } from "@jeex/contracts/steps";
import type { DocumentRepository, ExecutionRepository } from "@jeex/db/repositories";
import { InvalidInputError, PreconditionFailedError } from "../errors.ts";
import { latestIdea } from "./idea.ts";

/**
 * Checks that a step can run now — earlier steps have active documents, the first `about` run
 * has its idea — and returns the idea the run takes (the `about` step's, given or reused).
 * `workflow.runStep` and `workflow.estimate` ask the same questions.
 */
export async function checkedStepInputs(
  ctx: { documents: DocumentRepository; executions: ExecutionRepository },
  input: { projectId: string; step: Step; input?: IdeaInput | undefined },
): Promise<IdeaInput | undefined> {
  const required = stepsBefore(input.step);
  // Only which steps have active documents matters here: their content (up to 500 KB each) is not read.
  const active = await ctx.documents.listActiveSummaries(input.projectId, required);
  const missing = required.filter((step) => !active.some((doc) => doc.step === step));
  if (missing.length > 0) {
    throw new PreconditionFailedError(
      `the ${input.step} step needs active documents of ${missing.join(", ")}: run ${missing[0]} first`,
    );
  }
  if (input.step !== "about") return undefined;
  const idea = input.input ?? (await latestIdea(ctx.executions, input.projectId));
  if (!idea) {
    throw new InvalidInputError([
      { path: "input", message: "the first about run needs the idea", code: "required" },
    ]);
  }
  return idea;
}
