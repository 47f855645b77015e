import { ShieldAlert } from "lucide-react";
import { EmptyState } from "../../ui/empty-state.tsx";

/** What a settings section shows to someone whose role does not reach it. */
export function AdminOnly({ what }: { what: string }) {
  return (
    <EmptyState
      icon={ShieldAlert}
      title={`Only admins and owners manage ${what}`}
      description="Ask an admin of this tenant if you need a change."
    />
  );
}
