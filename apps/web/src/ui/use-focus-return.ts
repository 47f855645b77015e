import { useRef } from "react";

/**
 * Gives focus back to the element that opened a dialog when it closes. Radix does that only for
 * its own Trigger; a dialog a page opens from a button of its own ("Run" on a step card, "Revoke"
 * on a row) has none, and focus fell to <body>, the top of the page, on Escape or Cancel.
 * The handlers go on Radix's `Content`.
 */
export function useFocusReturn(hasTrigger: boolean) {
  const opener = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus: () => {
      // Still the element that opened the dialog: focus moves into it after this.
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    onCloseAutoFocus: (event: Event) => {
      if (hasTrigger || !opener.current?.isConnected) return;
      event.preventDefault();
      opener.current.focus();
    },
  };
}
