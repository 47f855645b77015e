import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import { isNotFound } from "../../lib/trpc-error.ts";
import { ProjectNotFound } from "../workflow/project-not-found.tsx";

/**
 * Every tab of a project, or one "Project not found" when the project is gone: not a tab's own
 * error box, a "Create export" button and a stream retrying for a project nobody can open. The
 * tab mounts at once (its queries go in the same batch as this look-up) and leaves if it is gone.
 */
export function ProjectGate({ projectId, children }: { projectId: string; children: ReactNode }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  if (isNotFound(project.error)) return <ProjectNotFound />;
  return children;
}
