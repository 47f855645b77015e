import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { getActiveTenantId, setActiveTenantId, subscribeActiveTenant } from "./active-tenant.ts";

/**
 * The active tenant and a switch. Switching drops every cached answer: they belong to the old
 * tenant, and the next requests carry the new `x-tenant-id`.
 */
export function useActiveTenant(): [string | undefined, (tenantId: string | undefined) => void] {
  const queryClient = useQueryClient();
  const tenantId = useSyncExternalStore(subscribeActiveTenant, getActiveTenantId);
  const switchTenant = useCallback(
    (next: string | undefined) => {
      setActiveTenantId(next);
      queryClient.clear();
    },
    [queryClient],
  );
  return [tenantId, switchTenant];
}
