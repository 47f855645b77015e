import { X } from "lucide-react";
import { Dialog as RadixDialog } from "radix-ui";
import type { ReactNode } from "react";
import { useFocusReturn } from "./use-focus-return.ts";

const overlayClasses = "fixed inset-0 z-40 bg-black/40";
export const dialogPanelClasses =
  "fixed left-1/2 top-1/2 z-50 flex max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 " +
  "-translate-y-1/2 flex-col gap-4 overflow-y-auto rounded-lg border border-border bg-surface p-5 shadow-lg";

export interface DialogProps {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The element that opens the dialog (rendered as is, e.g. a `Button`). */
  trigger?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Action buttons, right-aligned under the content. */
  footer?: ReactNode;
}

/**
 * A modal dialog: focus trapped, Escape closes, title and description announced (Radix). It opens
 * on its first field (or footer button); the close button comes last in the Tab order.
 */
export function Dialog({ open, onOpenChange, trigger, title, description, children, footer }: DialogProps) {
  const focusReturn = useFocusReturn(Boolean(trigger));
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger> : null}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlayClasses} />
        <RadixDialog.Content
          className={dialogPanelClasses}
          {...(description ? {} : { "aria-describedby": undefined })}
          {...focusReturn}
        >
          {/* Room on the right for the close button drawn over the corner. */}
          <RadixDialog.Title className="pr-8 text-lg font-semibold text-fg">{title}</RadixDialog.Title>
          {description ? (
            <RadixDialog.Description className="text-sm text-fg-muted">{description}</RadixDialog.Description>
          ) : null}
          {children}
          {footer ? <div className="flex flex-wrap justify-end gap-2">{footer}</div> : null}
          {/*
           * Last in the DOM though drawn top-right: Radix focuses the first focusable element on
           * open, which was this button, so a keyboard user had to Tab past it to the first field.
           */}
          <RadixDialog.Close
            className="absolute right-5 top-5 rounded-md p-1 text-fg-muted hover:bg-surface-muted"
            aria-label="Close"
          >
            <X aria-hidden="true" className="size-4" />
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Closes the surrounding `Dialog` when its child is clicked (e.g. a Cancel button). */
export const DialogClose = RadixDialog.Close;
