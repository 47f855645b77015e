import { Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import { Button } from "../../ui/button.tsx";
import { RowDangerButton } from "../../ui/row-danger-button.tsx";
import { DeleteProjectDialog } from "./delete-project-dialog.tsx";
import { RenameProjectDialog } from "./rename-project-dialog.tsx";
import type { Project } from "./use-project-list.ts";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export interface ProjectRowProps {
  project: Project;
  /** Offered only to editors and above; the server refuses others anyway. */
  canRename: boolean;
  /** Offered only to admins and owners. */
  canDelete: boolean;
}

export function ProjectRow({ project, canRename, canDelete }: ProjectRowProps) {
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
      <div className="min-w-0 flex-1 basis-60">
        <Link to={`/projects/${project.id}`} className="font-medium text-fg hover:underline">
          {project.name}
        </Link>
        {project.description ? (
          <p className="mt-0.5 line-clamp-2 text-sm text-fg-muted">{project.description}</p>
        ) : null}
        <p className="mt-1 text-xs text-fg-muted">
          <span title="Document language">{project.language}</span> · updated{" "}
          <time dateTime={project.updatedAt}>{dateFormat.format(new Date(project.updatedAt))}</time>
        </p>
      </div>
      {canRename || canDelete ? (
        <div className="flex shrink-0 gap-1">
          {canRename ? (
            <Button size="sm" variant="ghost" onClick={() => setRenaming(true)}>
              <Pencil aria-hidden="true" className="size-3.5" />
              Rename<span className="sr-only"> {project.name}</span>
            </Button>
          ) : null}
          {canDelete ? (
            <RowDangerButton about={project.name} onClick={() => setDeleting(true)}>
              <Trash2 aria-hidden="true" className="size-3.5" />
              Delete
            </RowDangerButton>
          ) : null}
        </div>
      ) : null}
      {renaming ? <RenameProjectDialog project={project} open onOpenChange={setRenaming} /> : null}
      {deleting ? <DeleteProjectDialog project={project} open onOpenChange={setDeleting} /> : null}
    </li>
  );
}
