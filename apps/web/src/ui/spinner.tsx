import { LoaderCircle } from "lucide-react";
import { classNames } from "./class-names.ts";

export interface SpinnerProps {
  /** Read by screen readers; omit when a surrounding element already says what is loading. */
  label?: string;
  className?: string;
}

export function Spinner({ label, className }: SpinnerProps) {
  return (
    <span role={label ? "status" : undefined} className="inline-flex items-center gap-2">
      <LoaderCircle aria-hidden="true" className={classNames("size-4 animate-spin", className)} />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}
