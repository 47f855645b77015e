import { describeError, isNotFound } from "../../lib/trpc-error.ts";

// Any 8-4-4-4-12 hex string; the server's stricter check (version and variant digits) still
// answers the rest with a projectId issue, which projectIsMissing reads the same way.
const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a URL's project id could name a project at all: `/projects/not-a-uuid` cannot. */
export function couldBeProjectId(projectId: string): boolean {
  return uuidShape.test(projectId);
}

/**
 * The project a page asked for is not there: gone, never existed, or its id is malformed (the
 * server refuses that input with a projectId issue). To the person all three are one broken link.
 */
export function projectIsMissing(error: unknown): boolean {
  if (isNotFound(error)) return true;
  return describeError(error).issues.some((issue) => issue.path === "projectId");
}
