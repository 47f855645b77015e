import type { Project } from "./use-project-list.ts";

/** What a project row passes to the dialog that changes its project (rename, delete). */
export interface ProjectDialogProps {
  project: Project;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}
