import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { ErrorState } from "../../ui/error-state.tsx";
import type { Project } from "./use-project-list.ts";

export interface DeleteProjectDialogProps {
  project: Project;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function DeleteProjectDialog({ project, open, onOpenChange }: DeleteProjectDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.projects.delete.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.projects.pathFilter());
        onOpenChange(false);
      },
    }),
  );
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) remove.reset();
      }}
      tone="danger"
      title={`Delete “${project.name}”?`}
      description="The project, its documents, versions and exports disappear for everyone in this tenant."
      confirmLabel="Delete project"
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ projectId: project.id })}
    >
      {remove.error ? <ErrorState error={remove.error} title="The project was not deleted" /> : null}
    </ConfirmDialog>
  );
}
