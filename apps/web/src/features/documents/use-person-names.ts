import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";

/**
 * Who a user id is, from the tenant's members (any member may list them). Someone who has left
 * the tenant is no longer listed and reads as "a former member".
 */
export function usePersonNames() {
  const trpc = useTRPC();
  const members = useQuery(trpc.tenants.members.list.queryOptions({ limit: 100 }, { staleTime: 60_000 }));
  const names = new Map(members.data?.items.map((member) => [member.userId, member.displayName]));
  return (userId: string | null): string => {
    if (!userId) return "the system";
    return names.get(userId) ?? (members.isPending ? "…" : "a former member");
  };
}
