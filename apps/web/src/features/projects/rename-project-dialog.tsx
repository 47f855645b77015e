import { useMutation } from "@tanstack/react-query";
import { fieldErrors } from "../../lib/field-errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { describeError } from "../../lib/trpc-error.ts";
import { FormMutationDialog } from "../../ui/form-mutation-dialog.tsx";
import { TextField } from "../../ui/text-field.tsx";
import type { ProjectDialogProps } from "./project-dialog-props.ts";
import { ProjectFormError } from "./project-form-error.tsx";
import { useRefreshAndClose } from "./use-project-list.ts";

export function RenameProjectDialog({ project, open, onOpenChange }: ProjectDialogProps) {
  const trpc = useTRPC();
  const refreshAndClose = useRefreshAndClose(onOpenChange);
  const rename = useMutation(trpc.projects.update.mutationOptions({ onSuccess: refreshAndClose }));
  const errors = fieldErrors(rename.error);
  const formError = rename.error && !errors.name ? describeError(rename.error) : undefined;

  return (
    <FormMutationDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Rename “${project.name}”`}
      mutation={rename}
      formId={`rename-project-${project.id}`}
      submitLabel="Rename"
      onSubmit={(form) => rename.mutate({ projectId: project.id, name: String(form.get("name") ?? "") })}
    >
      <TextField
        label="Name"
        name="name"
        defaultValue={project.name}
        required
        maxLength={200}
        autoComplete="off"
        error={errors.name}
      />
      <ProjectFormError error={formError} />
    </FormMutationDialog>
  );
}
