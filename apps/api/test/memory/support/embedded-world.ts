import { provisionApiKey } from "@jeex/core/api-keys";
import type { Database } from "@jeex/db/client";
import {
  createDocumentRepository,
  createMemoryRepository,
  createProjectRepository,
} from "@jeex/db/repositories";
import type { TenantTransaction } from "@jeex/db/tenant";
import { uniqueSlug } from "@jeex/db/testing";
import type { TenantWorld } from "./vector-store-behaviour.ts";

const secrets = { hashKey: "memory-tests-hash-key-of-at-least-32-chars" };
const scores = { fleschReadingEase: 60, gradeLevel: 8, wordCount: 10 };

/** A tenant with an owner and two projects, created the way the API creates them. */
export async function createTenantWorld(db: Database): Promise<TenantWorld> {
  const { tenantId, userId } = await provisionApiKey(db.system, secrets, {
    tenantSlug: uniqueSlug("memory"),
    email: `${uniqueSlug("owner")}@example.test`,
    role: "owner",
  });
  const projectIds = await db.withTenant({ tenantId, userId }, async (tx) => {
    const projects = createProjectRepository(tx);
    const first = await projects.insert({ name: "Walkies", description: "", language: "en" });
    const second = await projects.insert({ name: "Other", description: "", language: "en" });
    return [first.id, second.id] as [string, string];
  });
  return { tenantId, userId, projectIds };
}

/** A document with one active version, for the foreign keys memory_chunks has. */
export function createDocumentRow(
  db: Database,
  tenant: TenantWorld,
  projectId: string,
  kind: string,
  content = "# Doc\n\ntext",
) {
  return withTenantDocuments(db, tenant, async (documents) => {
    const path = `docs/${kind}-${uniqueSlug("doc")}.md`;
    const doc = await documents.upsertByPath({ projectId, step: "about", kind, path, title: kind });
    const version = await documents.insertVersion(
      { documentId: doc.id, title: kind, content, source: "agent", scores },
      projectId,
    );
    await documents.activate(doc.id, version.id, kind);
    return { documentId: doc.id, versionId: version.id };
  });
}

/** A further version of a document (not activated). */
export function createVersionRow(
  db: Database,
  tenant: TenantWorld,
  documentId: string,
  content = "# Doc\n\nnew text",
) {
  return withTenantDocuments(db, tenant, async (documents) => {
    const doc = await documents.find(documentId);
    if (!doc) throw new Error("no such document");
    const version = await documents.insertVersion(
      { documentId, title: doc.title, content, source: "human", scores },
      doc.projectId,
    );
    return version.id;
  });
}

/** `work` on the repository `open` makes, in one tenant transaction as `tenant`'s owner. */
const withTenantRepository = <Repository, T>(
  db: Database,
  tenant: TenantWorld,
  open: (tx: TenantTransaction) => Repository,
  work: (repository: Repository) => Promise<T>,
) => db.withTenant({ tenantId: tenant.tenantId, userId: tenant.userId }, (tx) => work(open(tx)));

const withTenantDocuments = <T>(
  db: Database,
  tenant: TenantWorld,
  work: (documents: DocumentRepository) => Promise<T>,
) => withTenantRepository(db, tenant, createDocumentRepository, work);

export const withTenantMemory = <T>(
  db: Database,
  tenant: TenantWorld,
  work: (memory: MemoryRepository) => Promise<T>,
) => withTenantRepository(db, tenant, createMemoryRepository, work);

type DocumentRepository = ReturnType<typeof createDocumentRepository>;
type MemoryRepository = ReturnType<typeof createMemoryRepository>;
