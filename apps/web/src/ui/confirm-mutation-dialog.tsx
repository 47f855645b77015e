import { ConfirmDialog, type ConfirmDialogProps } from "./confirm-dialog.tsx";
import { ErrorState } from "./error-state.tsx";

/** The part of a `useMutation` result the dialog reads. */
export interface ConfirmedMutation {
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

export interface ConfirmMutationDialogProps
  extends Omit<ConfirmDialogProps, "tone" | "pending" | "children"> {
  mutation: ConfirmedMutation;
  /** The error's heading when the mutation fails: "The key was not revoked". */
  failureTitle: string;
}

/**
 * A dialog's `onOpenChange` that also forgets the mutation's failed attempt on closing, so the
 * dialog opened again does not greet the person with the old error.
 */
export function resettingOnClose(
  onOpenChange: (open: boolean) => void,
  mutation: Pick<ConfirmedMutation, "reset">,
) {
  return (open: boolean) => {
    onOpenChange(open);
    if (!open) mutation.reset();
  };
}

/** Asks before a destructive mutation and shows its failure in place (forgotten on closing). */
export function ConfirmMutationDialog({
  mutation,
  failureTitle,
  onOpenChange,
  ...dialog
}: ConfirmMutationDialogProps) {
  return (
    <ConfirmDialog
      {...dialog}
      onOpenChange={resettingOnClose(onOpenChange, mutation)}
      tone="danger"
      pending={mutation.isPending}
    >
      {mutation.error ? <ErrorState error={mutation.error} title={failureTitle} /> : null}
    </ConfirmDialog>
  );
}
