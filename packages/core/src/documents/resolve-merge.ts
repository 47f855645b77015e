import type { ResolveMergeInput, VersionSummary } from "@jeex/contracts/documents";
import { stepsAfter } from "@jeex/contracts/steps";
import type { NewVersion, VersionRow } from "@jeex/db/repositories";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors.ts";
import { type IdempotencyContext, withIdempotency } from "../idempotency/with-idempotency.ts";
import { runTextWork } from "../text-work/pool.ts";
import { hasConflictMarkers } from "./merge.ts";
import { type DocumentsContext, findVersionOf } from "./service.ts";
import { toVersionSummary } from "./version-summary.ts";

type Resolved = Omit<NewVersion, "documentId">;

/** The new version each resolution makes; all name the merge they settle and its two parents. */
async function resolvedVersion(
  input: ResolveMergeInput,
  merge: VersionRow,
  parents: { agent: VersionRow; mine: VersionRow },
): Promise<Resolved> {
  const lineage = { agentParentId: parents.agent.id, humanParentId: parents.mine.id };
  if (input.resolution === "agent") {
    const { title, content, scores } = parents.agent;
    return {
      title,
      content,
      scores,
      source: "agent",
      baseVersionId: merge.id,
      agentParentId: lineage.agentParentId,
    };
  }
  if (input.resolution === "mine") {
    const { title, content, scores } = parents.mine;
    return { title, content, scores, source: "human", baseVersionId: merge.id, ...lineage };
  }
  const content = input.content ?? merge.content;
  if (hasConflictMarkers(content)) {
    throw new InvalidInputError([
      {
        path: "content",
        message: "resolve every conflict region (<<<<<<< … >>>>>>>) before accepting the merge",
        code: "unresolved_conflicts",
      },
    ]);
  }
  if (!merge.needsReview && content === merge.content) {
    throw new InvalidInputError([
      { path: "content", message: "this merge has no conflicts: it is accepted already", code: "no_change" },
    ]);
  }
  const scores = content === merge.content ? merge.scores : await runTextWork("scoreReadability", content);
  // The merge base stays the same: the next re-run merges against the same agent text.
  return {
    title: merge.title,
    content,
    scores,
    source: "merged",
    baseVersionId: merge.baseVersionId ?? undefined,
    ...lineage,
  };
}

/**
 * A person settles a merge of a re-run with their edit: accept it (their resolution of its
 * conflicts), take the agent's output, or keep their edit. Each is a new active version, so
 * nothing is overwritten; the merge must still be active (optimistic concurrency, like saveEdit).
 */
export async function resolveMerge(
  ctx: DocumentsContext & IdempotencyContext,
  input: ResolveMergeInput,
): Promise<VersionSummary> {
  return withIdempotency(ctx, "documents.resolveMerge", input, async () => {
    const doc = await ctx.documents.lock(input.documentId);
    if (!doc) throw new NotFoundError("document");
    const merge = await findVersionOf(ctx, doc, input.versionId);
    if (merge.source !== "merged" || !merge.agentParentId || !merge.humanParentId) {
      throw new InvalidInputError([
        { path: "versionId", message: "this version is not a merge", code: "not_a_merge" },
      ]);
    }
    if (doc.activeVersionId !== merge.id) {
      throw new ConflictError("the document changed since this merge: reload the active version");
    }
    const [agent, mine] = await Promise.all([
      findVersionOf(ctx, doc, merge.agentParentId),
      findVersionOf(ctx, doc, merge.humanParentId),
    ]);
    const resolved = await resolvedVersion(input, merge, { agent, mine });
    const version = await ctx.documents.insertVersion({ ...resolved, documentId: doc.id }, doc.projectId);
    await ctx.documents.activate(doc.id, version.id, version.title);
    await ctx.documents.markStale(doc.projectId, stepsAfter(doc.step));
    return toVersionSummary(version, version.id);
  });
}
