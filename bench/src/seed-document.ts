import { measureReadability } from "@jeex/core/documents";
import type { Database } from "@jeex/db/client";
import { createDocumentRepository, createProjectRepository } from "@jeex/db/repositories";

export interface SeededDocument {
  projectId: string;
  documentId: string;
  contentBytes: number;
}

const TARGET_BYTES = 30 * 1024;

/** ~30 KB of Markdown, like a drafted architecture document. */
function markdownOfAbout(bytes: number): string {
  const section = (n: number) =>
    `## Component ${n}\n\nThe component ${n} owns its data and answers over HTTP; it retries the ` +
    "queue with backoff and records every change in the audit log so operators can replay it.\n\n" +
    `- responsibility: ${n}\n- owner: team ${n % 7}\n- runbook: docs/runbooks/${n}.md\n\n`;
  let text = "# Architecture\n\n";
  for (let n = 1; Buffer.byteLength(text) < bytes; n++) text += section(n);
  return text;
}

/** One project with an active 30 KB architecture document (what documents.get and workflow.status read). */
export async function seedDocument(db: Database, scope: { tenantId: string; userId: string }) {
  const content = markdownOfAbout(TARGET_BYTES);
  return db.withTenant(scope, async (tx): Promise<SeededDocument> => {
    const project = await createProjectRepository(tx).insert({
      name: "bench document project",
      description: "",
      language: "en",
    });
    const docs = createDocumentRepository(tx);
    const title = "Architecture";
    const doc = await docs.upsertByPath({
      projectId: project.id,
      step: "architecture",
      kind: "architecture",
      path: "architecture.md",
      title,
    });
    const version = await docs.insertVersion(
      { documentId: doc.id, title, content, source: "human", scores: measureReadability(content) },
      project.id,
    );
    await docs.activate(doc.id, version.id, title);
    return { projectId: project.id, documentId: doc.id, contentBytes: Buffer.byteLength(content) };
  });
}
