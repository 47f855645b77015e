import { useEffect } from "react";

export const appName = "JEEX Plan";

/**
 * Names the browser tab (and the history entry) after the page: with every tab titled
 * "JEEX Plan", two open documents or a workflow beside its exports could not be told apart.
 * The title the page had comes back when it unmounts.
 */
export function useTabTitle(pageName: string | undefined): void {
  useEffect(() => {
    if (!pageName) return;
    const previous = document.title;
    document.title = `${pageName} · ${appName}`;
    return () => {
      document.title = previous;
    };
  }, [pageName]);
}
