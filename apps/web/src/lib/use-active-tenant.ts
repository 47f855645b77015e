import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { getActiveTenantId, setActiveTenantId, subscribeActiveTenant } from "./active-tenant.ts";

/**
 * The active tenant and a switch. Switching drops every cached answer: they belong to the old
 * tenant, and the next requests carry the new `x-tenant-id`. `resetQueries`, not `clear`: clear
 * empties the cache but leaves mounted queries showing the old tenant's data until they remount;
 * reset drops the data and refetches what is on screen.
 */
export function useActiveTenant(): [string | undefined, (tenantId: string | undefined) => void] {
  const queryClient = useQueryClient();
  const tenantId = useSyncExternalStore(subscribeActiveTenant, getActiveTenantId);
  const switchTenant = useCallback(
    (next: string | undefined) => {
      setActiveTenantId(next);
      void queryClient.resetQueries();
    },
    [queryClient],
  );
  return [tenantId, switchTenant];
}
