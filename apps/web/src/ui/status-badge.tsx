import type { ExecutionStatus } from "@jeex/contracts/workflow";
import {
  AlertTriangle,
  Ban,
  CheckCircle2,
  Circle,
  Clock,
  GitMerge,
  LoaderCircle,
  type LucideIcon,
  XCircle,
} from "lucide-react";
import { Badge, type BadgeTone } from "./badge.tsx";

/** An execution's status, plus the two states a step has without one running. */
export type Status = ExecutionStatus | "not_started" | "stale" | "needs_review";

interface StatusLook {
  label: string;
  tone: BadgeTone;
  Icon: LucideIcon;
  spin?: boolean;
}

const looks: Record<Status, StatusLook> = {
  not_started: { label: "Not started", tone: "neutral", Icon: Circle },
  queued: { label: "Queued", tone: "info", Icon: Clock },
  running: { label: "Running", tone: "info", Icon: LoaderCircle, spin: true },
  succeeded: { label: "Succeeded", tone: "success", Icon: CheckCircle2 },
  failed: { label: "Failed", tone: "danger", Icon: XCircle },
  cancelled: { label: "Cancelled", tone: "neutral", Icon: Ban },
  stale: { label: "Stale", tone: "warning", Icon: AlertTriangle },
  needs_review: { label: "Needs review", tone: "warning", Icon: GitMerge },
};

export interface StatusBadgeProps {
  status: Status;
  /** Replaces the default word, e.g. "Running · 40%". */
  label?: string;
}

/** Colour, icon and word together: the status never depends on seeing the colour. */
export function StatusBadge({ status, label }: StatusBadgeProps) {
  const { label: word, tone, Icon, spin } = looks[status];
  return (
    <Badge tone={tone}>
      <Icon aria-hidden="true" className={spin ? "size-3 animate-spin" : "size-3"} />
      <span>{label ?? word}</span>
    </Badge>
  );
}
