import { useQuery } from "@tanstack/react-query";
import { type RouterOutputs, useTRPC } from "../../lib/trpc.ts";

export type Me = RouterOutputs["auth"]["me"];
export type Role = NonNullable<Me["activeTenant"]>["role"];

const rank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

/** Whether `role` is at least `least` (owner ⊃ admin ⊃ editor ⊃ viewer), as the server ranks them. */
export function hasRole(role: Role | undefined, least: Role): boolean {
  return role !== undefined && rank[role] >= rank[least];
}

/**
 * The signed-in person and their role in the active tenant. The UI only hides what the role
 * cannot do; the server checks every call anyway.
 */
export function useMe() {
  const trpc = useTRPC();
  const query = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  const role = query.data?.activeTenant?.role;
  return { query, me: query.data, role, can: (least: Role) => hasRole(role, least) };
}
