import type { JeexClient, RouterOutputs } from "@jeex/client";

export type DocumentSummary = RouterOutputs["documents"]["list"]["items"][number];
export type VersionSummary = RouterOutputs["documents"]["versions"]["items"][number];

/** Every active document of a project, following the pages. */
export async function listAllDocuments(client: JeexClient, projectId: string): Promise<DocumentSummary[]> {
  const documents: DocumentSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.documents.list.query({ projectId, limit: 100, ...(cursor ? { cursor } : {}) });
    documents.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return documents;
}

/** The version with this number, or undefined. */
export async function findVersion(
  client: JeexClient,
  documentId: string,
  version: number,
): Promise<VersionSummary | undefined> {
  let cursor: string | undefined;
  do {
    const page = await client.documents.versions.query({
      documentId,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    const found = page.items.find((item) => item.version === version);
    if (found) return found;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return undefined;
}
