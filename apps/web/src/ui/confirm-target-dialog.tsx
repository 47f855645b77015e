import { ConfirmMutationDialog, type ConfirmMutationDialogProps } from "./confirm-mutation-dialog.tsx";

export interface ConfirmTargetDialogProps<Target>
  extends Omit<ConfirmMutationDialogProps, "open" | "onOpenChange" | "title" | "onConfirm"> {
  /** The row the person asked to act on; while undefined, no dialog. */
  target: Target | undefined;
  /** Cancelled, closed, or the mutation succeeded: the caller forgets the target. */
  onDismiss: () => void;
  title: (target: Target) => string;
  /** Starts the mutation; pass `succeeded` on to `mutate`, so success closes the dialog. */
  onConfirm: (target: Target, succeeded: { onSuccess: () => void }) => void;
}

/**
 * Asks before a destructive mutation on one row of a list: "Revoke “CI pipeline”?". Stays open
 * while the mutation runs and when it fails (its error shown in place); closes on success.
 */
export function ConfirmTargetDialog<Target>({
  target,
  onDismiss,
  title,
  onConfirm,
  ...dialog
}: ConfirmTargetDialogProps<Target>) {
  if (target === undefined) return null;
  return (
    <ConfirmMutationDialog
      {...dialog}
      open
      onOpenChange={(open) => {
        if (!open) onDismiss();
      }}
      title={title(target)}
      onConfirm={() => onConfirm(target, { onSuccess: onDismiss })}
    />
  );
}
