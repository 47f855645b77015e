import type { JeexClient, RouterOutputs } from "@jeex/client";
import { allItems, pagesOf } from "./pages.ts";

export type DocumentSummary = RouterOutputs["documents"]["list"]["items"][number];
export type VersionSummary = RouterOutputs["documents"]["versions"]["items"][number];

/** Every active document of a project, following the pages. */
export function listAllDocuments(client: JeexClient, projectId: string): Promise<DocumentSummary[]> {
  return allItems((cursor) => client.documents.list.query({ projectId, limit: 100, ...cursor }));
}

/** The version with this number, or undefined. */
export async function findVersion(
  client: JeexClient,
  documentId: string,
  version: number,
): Promise<VersionSummary | undefined> {
  for await (const items of pagesOf((cursor) =>
    client.documents.versions.query({ documentId, limit: 100, ...cursor }),
  )) {
    const found = items.find((item) => item.version === version);
    if (found) return found;
  }
  return undefined;
}
