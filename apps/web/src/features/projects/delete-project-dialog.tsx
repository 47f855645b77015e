import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";
import { ConfirmMutationDialog } from "../../ui/confirm-mutation-dialog.tsx";
import type { ProjectDialogProps } from "./project-dialog-props.ts";
import { useRefreshAndClose } from "./use-project-list.ts";

export function DeleteProjectDialog({ project, open, onOpenChange }: ProjectDialogProps) {
  const trpc = useTRPC();
  const refreshAndClose = useRefreshAndClose(onOpenChange);
  const remove = useMutation(trpc.projects.delete.mutationOptions({ onSuccess: refreshAndClose }));
  return (
    <ConfirmMutationDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Delete “${project.name}”?`}
      description="The project, its documents, versions and exports disappear for everyone in this tenant."
      confirmLabel="Delete project"
      mutation={remove}
      failureTitle="The project was not deleted"
      onConfirm={() => remove.mutate({ projectId: project.id })}
    />
  );
}
