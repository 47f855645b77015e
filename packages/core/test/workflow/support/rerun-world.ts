import type { AboutOutput } from "@jeex/contracts/agents/about";
import type { Database } from "@jeex/db/client";
import {
  createDocumentRepository,
  createIdempotencyRepository,
  createProjectRepository,
} from "@jeex/db/repositories";
import type { TenantTransaction } from "@jeex/db/tenant";
import { saveEdit } from "../../../src/documents/service.ts";
import type { LlmProvider } from "../../../src/llm/port.ts";
import { createTemplateProvider } from "../../../src/llm/template.ts";
import { createStepHandler } from "../../../src/workflow/execute-step.ts";
import { idea, listen, type Member, runStepAs, workflowParts } from "./workflow-world.ts";

const quietLog = { info() {}, error() {} };

/** The template agent, with its about output revised: a model answering differently on a re-run. */
export function revisingProvider(revise: (about: AboutOutput) => AboutOutput): LlmProvider {
  const template = createTemplateProvider();
  return {
    name: "revising",
    async generate(request) {
      const result = await template.generate(request);
      return { ...result, output: revise(result.output as AboutOutput) as typeof result.output };
    },
  };
}

const terminal = ["execution.succeeded", "execution.failed", "execution.cancelled"];

/** Runs the about step to its end with `llm`, the worker starting as soon as the run is queued. */
export async function runAbout(
  db: Database,
  member: Member & { projectId: string },
  llm: LlmProvider,
  { events, lifecycle } = workflowParts(db),
) {
  const handler = createStepHandler({ db, lifecycle, llm, log: quietLog });
  const stream = listen(events, member);
  const { executionId } = await runStepAs(
    db,
    member,
    { projectId: member.projectId, step: "about", input: idea },
    {
      queue: {
        enqueue: (job) => handler(job, new AbortController().signal, { number: 1, of: 1 }),
        close: async () => {},
      },
      lifecycle,
    },
  );
  await stream.until((received) =>
    received.some((e) => "executionId" in e && e.executionId === executionId && terminal.includes(e.type)),
  );
  stream.stop();
  return { executionId, events: stream.types() };
}

/** The repositories a documents procedure gets, in one tenant transaction. */
export function asMember<T>(
  db: Database,
  member: Member,
  work: (ctx: {
    tx: TenantTransaction;
    documents: ReturnType<typeof createDocumentRepository>;
    projects: ReturnType<typeof createProjectRepository>;
    idempotency: ReturnType<typeof createIdempotencyRepository>;
  }) => Promise<T>,
): Promise<T> {
  return db.withTenant(member, (tx) =>
    work({
      tx,
      documents: createDocumentRepository(tx),
      projects: createProjectRepository(tx),
      idempotency: createIdempotencyRepository(tx),
    }),
  );
}

/** about.md with its active version and every version, newest first. */
export async function aboutDocument(db: Database, member: Member & { projectId: string }) {
  return asMember(db, member, async ({ documents }) => {
    const doc = (await documents.listActive(member.projectId)).find((row) => row.path === "docs/about.md");
    if (!doc?.activeVersionId) throw new Error("docs/about.md has no active version");
    const versions = await documents.listVersions({ documentId: doc.id, limit: 100 });
    const active = versions.find((version) => version.id === doc.activeVersionId);
    if (!active) throw new Error("the active version is not among the document's versions");
    return { doc, active, versions };
  });
}

/** A person's edit of about.md: `change` rewrites the active text. */
export async function editAbout(
  db: Database,
  member: Member & { projectId: string },
  change: (content: string) => string,
) {
  const { doc, active } = await aboutDocument(db, member);
  const content = change(active.content);
  if (content === active.content) throw new Error("the edit changes nothing: the test's anchor text moved");
  return asMember(db, member, (ctx) =>
    saveEdit(ctx, { documentId: doc.id, baseVersionId: active.id, content }),
  );
}
