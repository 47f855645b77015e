import type { JeexClient } from "@jeex/client";

/** Every project `client` sees, walked page by page (`limit` a page) along projects.list's cursor. */
export async function everyProject(client: JeexClient, limit: number) {
  const projects: Awaited<ReturnType<JeexClient["projects"]["list"]["query"]>>["items"] = [];
  let cursor: string | undefined;
  do {
    const page = await client.projects.list.query({ limit, ...(cursor ? { cursor } : {}) });
    projects.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return projects;
}
