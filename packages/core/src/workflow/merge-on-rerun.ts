import type { DocumentRepository, DocumentRow, VersionRow } from "@jeex/db/repositories";
import type { RenderedDocument } from "../agents/agent.ts";
import { measureReadability, type ReadabilityScores } from "../documents/readability.ts";
import { runTextWork } from "../text-work/pool.ts";

/** What a person wrote that a re-run must keep, and the agent text it was written against. */
interface PersonsSide {
  mine: VersionRow;
  base: VersionRow | undefined;
}

// A version's ancestry is short (one hop per edit or merge); the bound only stops a corrupt cycle.
const maxAncestryHops = 1_000;

/**
 * The agent version a person's work started from: an agent version is its own; a merge or a
 * resolution names the agent output it took in; a human edit follows the version it edited.
 */
async function agentAncestorOf(
  documents: DocumentRepository,
  version: VersionRow,
): Promise<VersionRow | undefined> {
  let current: VersionRow | undefined = version;
  for (let hop = 0; current && hop < maxAncestryHops; hop++) {
    if (current.source === "agent") return current;
    const parentId: string | null = current.agentParentId ?? current.baseVersionId;
    current = parentId ? await documents.findVersion(parentId) : undefined;
  }
  return undefined;
}

/**
 * The person's work in the active version, if any. A merge still waiting for review is not
 * their work yet (it holds conflict markers): the edit it was merged from is, against its base.
 */
async function personsSideOf(
  documents: DocumentRepository,
  active: VersionRow,
): Promise<PersonsSide | undefined> {
  if (active.source === "agent") return undefined;
  if (active.source === "merged" && active.needsReview && active.humanParentId) {
    const mine = await documents.findVersion(active.humanParentId);
    const base = active.baseVersionId ? await documents.findVersion(active.baseVersionId) : undefined;
    return mine ? { mine, base } : undefined;
  }
  return { mine: active, base: await agentAncestorOf(documents, active) };
}

/**
 * Stores a run's new text for a document (locked by the caller) and makes the right version
 * active. Without work of a person on top, the agent version simply replaces the active one.
 * Otherwise the agent version is kept (not active, so "take the agent's output" stays possible)
 * and its three-way merge with the person's work becomes active, flagged for review when both
 * changed the same lines differently.
 */
export async function storeRunVersion(
  documents: DocumentRepository,
  row: DocumentRow,
  doc: RenderedDocument & { scores?: ReadabilityScores },
  run: { executionId: string; projectId: string },
): Promise<VersionRow> {
  const agent = await documents.insertVersion(
    {
      documentId: row.id,
      title: doc.title,
      content: doc.content,
      source: "agent",
      executionId: run.executionId,
      scores: doc.scores ?? measureReadability(doc.content),
    },
    run.projectId,
  );
  const active = row.activeVersionId ? await documents.findVersion(row.activeVersionId) : undefined;
  const persons = active ? await personsSideOf(documents, active) : undefined;
  const merged = persons
    ? await runTextWork("mergeVersions", {
        base: persons.base?.content ?? "",
        mine: persons.mine.content,
        agent: agent.content,
        labels: {
          mine: `your edit (version ${persons.mine.version})`,
          agent: `agent (version ${agent.version}, run ${run.executionId})`,
        },
      })
    : undefined;
  // The agent already wrote what the person changed (it reads their edits): nothing to keep apart.
  if (!persons || !merged || merged.content === agent.content) {
    await documents.activate(row.id, agent.id, doc.title);
    return agent;
  }
  const version = await documents.insertVersion(
    {
      documentId: row.id,
      title: doc.title,
      content: merged.content,
      source: "merged",
      baseVersionId: persons.base?.id,
      agentParentId: agent.id,
      humanParentId: persons.mine.id,
      needsReview: merged.conflicts > 0,
      scores: merged.scores,
    },
    run.projectId,
  );
  await documents.activate(row.id, version.id, doc.title);
  return version;
}
