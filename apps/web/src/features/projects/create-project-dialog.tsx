import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { fieldErrors } from "../../lib/field-errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { describeError } from "../../lib/trpc-error.ts";
import { useSubmissionKey } from "../../lib/use-submission-key.ts";
import { Button } from "../../ui/button.tsx";
import { Dialog, DialogClose } from "../../ui/dialog.tsx";
import { TextArea, TextField } from "../../ui/text-field.tsx";

const FORM_ID = "create-project-form";

/** "New project": name, description and the language its documents are written in. */
export function CreateProjectDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { withKey, accepted } = useSubmissionKey();
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: (project, variables) => {
        accepted(variables.idempotencyKey);
        void queryClient.invalidateQueries(trpc.projects.pathFilter());
        setOpen(false);
        void navigate(`/projects/${project.id}`);
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const formError =
    create.error && Object.keys(errors).length === 0 ? describeError(create.error) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate(
      withKey({
        name: String(form.get("name") ?? ""),
        description: String(form.get("description") ?? ""),
        language: String(form.get("language") ?? "en").trim() || "en",
      }),
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) create.reset();
      }}
      trigger={
        <Button variant="primary">
          <Plus aria-hidden="true" className="size-4" />
          New project
        </Button>
      }
      title="New project"
      description="A project holds one product idea's documents, from the first description to the plan."
      footer={
        <>
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button type="submit" form={FORM_ID} variant="primary" loading={create.isPending}>
            Create project
          </Button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <TextField label="Name" name="name" required maxLength={200} autoComplete="off" error={errors.name} />
        <TextArea
          label="Description"
          name="description"
          rows={3}
          maxLength={5000}
          error={errors.description}
        />
        <TextField
          label="Language"
          name="language"
          defaultValue="en"
          hint="The language the documents are written in, as a tag: en, de, pt-BR."
          error={errors.language}
        />
        {formError ? (
          <p role="alert" className="text-sm text-danger">
            {formError.message}
            {formError.requestId ? ` (request id ${formError.requestId})` : ""}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
