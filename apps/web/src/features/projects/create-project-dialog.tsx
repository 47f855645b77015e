import { useMutation } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useNavigate } from "react-router";
import { fieldErrors } from "../../lib/field-errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { describeError } from "../../lib/trpc-error.ts";
import { useSubmissionKey } from "../../lib/use-submission-key.ts";
import { Button } from "../../ui/button.tsx";
import { FormMutationDialog } from "../../ui/form-mutation-dialog.tsx";
import { TextArea, TextField } from "../../ui/text-field.tsx";
import { ProjectFormError } from "./project-form-error.tsx";
import { useRefreshProjects } from "./use-project-list.ts";

/** "New project": name, description and the language its documents are written in. */
export function CreateProjectDialog() {
  const trpc = useTRPC();
  const refreshProjects = useRefreshProjects();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { withKey, onAccepted } = useSubmissionKey();
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: onAccepted((project) => {
        refreshProjects();
        setOpen(false);
        void navigate(`/projects/${project.id}`);
      }),
    }),
  );
  const errors = fieldErrors(create.error);
  const formError =
    create.error && Object.keys(errors).length === 0 ? describeError(create.error) : undefined;

  const submit = (form: FormData) =>
    create.mutate(
      withKey({
        name: String(form.get("name") ?? ""),
        description: String(form.get("description") ?? ""),
        language: String(form.get("language") ?? "en").trim() || "en",
      }),
    );

  return (
    <FormMutationDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="primary">
          <Plus aria-hidden="true" className="size-4" />
          New project
        </Button>
      }
      title="New project"
      description="A project holds one product idea's documents, from the first description to the plan."
      mutation={create}
      formId="create-project-form"
      submitLabel="Create project"
      onSubmit={submit}
    >
      <TextField label="Name" name="name" required maxLength={200} autoComplete="off" error={errors.name} />
      <TextArea label="Description" name="description" rows={3} maxLength={5000} error={errors.description} />
      <TextField
        label="Language"
        name="language"
        defaultValue="en"
        hint="The language the documents are written in, as a tag: en, de, pt-BR."
        error={errors.language}
      />
      <ProjectFormError error={formError} />
    </FormMutationDialog>
  );
}
