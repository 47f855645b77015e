import { CircleDot, LoaderCircle, Unplug } from "lucide-react";
import { describeError } from "../../lib/trpc-error.ts";
import { classNames } from "../../ui/class-names.ts";
import type { ConnectionState } from "./use-project-events.ts";

const looks: Record<ConnectionState, { label: string; className: string }> = {
  connecting: { label: "Connecting", className: "text-fg-muted" },
  live: { label: "Live", className: "text-success" },
  reconnecting: { label: "Reconnecting", className: "text-warning" },
  closed: { label: "Not receiving updates", className: "text-danger" },
};

export interface ConnectionIndicatorProps {
  state: ConnectionState;
  error?: unknown;
}

/** The progress stream's state, in a word and an icon; a status role so changes are announced. */
export function ConnectionIndicator({ state, error }: ConnectionIndicatorProps) {
  const { label, className } = looks[state];
  const Icon = state === "live" ? CircleDot : state === "closed" ? Unplug : LoaderCircle;
  const reason = state === "closed" && error ? describeError(error).message : undefined;
  return (
    <span
      role="status"
      aria-label={`Live updates: ${label}${reason ? ` (${reason})` : ""}`}
      title={reason}
      data-connection={state}
      className={classNames("inline-flex items-center gap-1 text-xs font-medium", className)}
    >
      <Icon
        aria-hidden="true"
        className={classNames(
          "size-3.5",
          (state === "connecting" || state === "reconnecting") && "animate-spin",
        )}
      />
      <span aria-hidden="true">{label}</span>
    </span>
  );
}
