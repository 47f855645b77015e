import { type IdeaInput, ideaInputSchema } from "@jeex/contracts/steps";
import type { ExecutionRepository } from "@jeex/db/repositories";

/**
 * The idea of the project's most recent `about` run. Re-running `about` without input reuses the
 * last one given; later steps read the one behind the succeeded run (`succeededOnly`).
 */
export async function latestIdea(
  executions: ExecutionRepository,
  projectId: string,
  { succeededOnly = false } = {},
): Promise<IdeaInput | undefined> {
  const recent = await executions.list({ projectId, step: "about", limit: 50 });
  const chosen = recent.find((row) => !succeededOnly || row.status === "succeeded");
  const parsed = ideaInputSchema.safeParse(chosen?.input.idea);
  return parsed.success ? parsed.data : undefined;
}
