import type { ReactNode } from "react";
import { useTabTitle } from "../lib/use-tab-title.ts";

export interface PageHeaderProps {
  /** The page's one `h1`. */
  title: ReactNode;
  description?: ReactNode;
  /** Buttons on the right (wrap under the title on narrow screens). */
  actions?: ReactNode;
  /** Breadcrumbs or a back link above the title. */
  breadcrumbs?: ReactNode;
  /** What the browser tab calls the page, when the title is not plain text. */
  tabTitle?: string;
}

export function PageHeader({ title, description, actions, breadcrumbs, tabTitle }: PageHeaderProps) {
  useTabTitle(tabTitle ?? (typeof title === "string" ? title : undefined));
  return (
    <header className="mb-6 flex flex-col gap-2">
      {breadcrumbs ? (
        <nav aria-label="Breadcrumb" className="text-sm text-fg-muted">
          {breadcrumbs}
        </nav>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold text-fg wrap-break-word">{title}</h1>
          {description ? <p className="mt-1 text-sm text-fg-muted">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
    </header>
  );
}
