import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { fieldErrors } from "../../lib/field-errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { describeError } from "../../lib/trpc-error.ts";
import { Button } from "../../ui/button.tsx";
import { Dialog, DialogClose } from "../../ui/dialog.tsx";
import { TextField } from "../../ui/text-field.tsx";
import type { Project } from "./use-project-list.ts";

export interface RenameProjectDialogProps {
  project: Project;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function RenameProjectDialog({ project, open, onOpenChange }: RenameProjectDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rename = useMutation(
    trpc.projects.update.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.projects.pathFilter());
        onOpenChange(false);
      },
    }),
  );
  const errors = fieldErrors(rename.error);
  const formError = rename.error && !errors.name ? describeError(rename.error) : undefined;
  const formId = `rename-project-${project.id}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    rename.mutate({ projectId: project.id, name });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) rename.reset();
      }}
      title={`Rename “${project.name}”`}
      footer={
        <>
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button type="submit" form={formId} variant="primary" loading={rename.isPending}>
            Rename
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-3">
        <TextField
          label="Name"
          name="name"
          defaultValue={project.name}
          required
          maxLength={200}
          autoComplete="off"
          error={errors.name}
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
