import type { Role } from "@jeex/contracts/common";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";

// Most powerful first, as the server orders them (contracts/common `roles`); a copy, so the
// browser does not load zod for four words.
const roleOrder: readonly Role[] = ["owner", "admin", "editor", "viewer"];

/** True when `role` grants at least what `needed` grants. */
export function roleAtLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && roleOrder.indexOf(role) <= roleOrder.indexOf(needed);
}

/**
 * The caller's role in the active tenant, from `auth.me` (undefined while it loads). Decides
 * which controls are offered; the server still checks every call.
 */
export function useActiveRole(): Role | undefined {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  return me.data?.activeTenant?.role;
}
