import { Spinner } from "./spinner.tsx";

/** A query's first load: the spinner carries the label for screen readers, the text shows it. */
export function QueryLoading({ label }: { label: string }) {
  return (
    <div className="flex items-center gap-2 py-6 text-sm text-fg-muted">
      <Spinner label={label} />
      <span aria-hidden="true">{label}…</span>
    </div>
  );
}
