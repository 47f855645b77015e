import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import { ProjectNotFound } from "../workflow/project-not-found.tsx";
import { couldBeProjectId, projectIsMissing } from "./project-id.ts";

/**
 * A project's tab bar and tabs, or one "Project not found" in their place when the project is
 * gone or the link's id names none: not the tabs of a project nobody can open, nor a tab's own
 * error box, a "Create export" button or a stream retrying. The tabs mount at once (their queries
 * go in the same batch as this look-up) and leave if it is gone.
 */
export function ProjectGate({ projectId, children }: { projectId: string; children: ReactNode }) {
  const wellFormed = couldBeProjectId(projectId);
  const trpc = useTRPC();
  const project = useQuery({ ...trpc.projects.get.queryOptions({ projectId }), enabled: wellFormed });
  if (!wellFormed || projectIsMissing(project.error)) return <ProjectNotFound />;
  return children;
}
