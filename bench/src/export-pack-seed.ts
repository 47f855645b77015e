import type { Agent, AgentInput, ContextDocument } from "@jeex/core/agents";
import { agentFor } from "@jeex/core/agents";
import { provisionApiKey } from "@jeex/core/api-keys";
import { measureReadability } from "@jeex/core/documents";
import { draftOffline } from "@jeex/core/llm";
import type { Database } from "@jeex/db/client";
import { createDocumentRepository, createProjectRepository } from "@jeex/db/repositories";

export interface SeededPack {
  tenantId: string;
  userId: string;
  projectId: string;
  documents: number;
}

const STEPS = ["about", "architecture", "plan", "specs"] as const;

const idea: AgentInput["idea"] = {
  idea:
    "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking of every walk, " +
    "reviews after each walk, and weekly invoices for regular customers. Data is stored in Postgres.",
  audience: "Busy dog owners and independent dog walkers",
};

/**
 * A project holding a full four-step pack as the template provider writes it: each step drafted
 * from the steps before it, every document stored as an active agent version.
 */
export async function seedTemplatePack(db: Database): Promise<SeededPack> {
  const run = Date.now().toString(36);
  const { tenantId, userId } = await provisionApiKey(
    db.system,
    { hashKey: "bench-export-only-api-key-hash-secret" },
    {
      tenantSlug: `bench-export-${run}`,
      email: `bench-export-${run}@jeex.local`,
      role: "owner",
      keyName: "bench",
    },
  );
  return db.withTenant({ tenantId, userId }, async (tx) => {
    const project = await createProjectRepository(tx).insert({
      name: "Walkies",
      description: "",
      language: "en",
    });
    const documents = createDocumentRepository(tx);
    const earlier: ContextDocument[] = [];
    for (const step of STEPS) {
      const input: AgentInput = {
        project: { name: project.name, description: project.description, language: project.language },
        idea,
        documents: [...earlier],
        previous: [],
        memory: [],
      };
      const agent = agentFor(step) as Agent<unknown>;
      const rendered = agent.render(draftOffline(step, input), input, { templateDraft: true });
      for (const doc of rendered) {
        const row = await documents.upsertByPath({
          projectId: project.id,
          step,
          kind: doc.kind,
          path: doc.path,
          title: doc.title,
        });
        const version = await documents.insertVersion(
          {
            documentId: row.id,
            title: doc.title,
            content: doc.content,
            source: "agent",
            scores: measureReadability(doc.content),
          },
          project.id,
        );
        await documents.activate(row.id, version.id, doc.title);
        earlier.push({ path: doc.path, title: doc.title, step, content: doc.content });
      }
    }
    return { tenantId, userId, projectId: project.id, documents: earlier.length };
  });
}
