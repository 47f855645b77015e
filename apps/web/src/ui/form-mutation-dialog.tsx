import type { FormEvent, ReactNode } from "react";
import { Button } from "./button.tsx";
import { type ConfirmedMutation, resettingOnClose } from "./confirm-mutation-dialog.tsx";
import { Dialog, DialogClose, type DialogProps } from "./dialog.tsx";

export interface FormMutationDialogProps extends Omit<DialogProps, "footer" | "children" | "onOpenChange"> {
  onOpenChange: (open: boolean) => void;
  mutation: Omit<ConfirmedMutation, "error">;
  /** Ties the footer's submit button to the form, which sits in the dialog's body. */
  formId: string;
  submitLabel: string;
  /** The submitted form's values; the browser's own validation is off, the server's errors show. */
  onSubmit: (form: FormData) => void;
  /** The fields, and the form's error that no field shows. */
  children: ReactNode;
}

/**
 * A dialog around one form that a mutation sends: Cancel and the submit button in the footer.
 * Closing forgets the failed attempt, so the dialog opened again starts without the old field errors.
 */
export function FormMutationDialog({
  onOpenChange,
  mutation,
  formId,
  submitLabel,
  onSubmit,
  children,
  ...dialog
}: FormMutationDialogProps) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(new FormData(event.currentTarget));
  }
  return (
    <Dialog
      {...dialog}
      onOpenChange={resettingOnClose(onOpenChange, mutation)}
      footer={
        <>
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button type="submit" form={formId} variant="primary" loading={mutation.isPending}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-3">
        {children}
      </form>
    </Dialog>
  );
}
