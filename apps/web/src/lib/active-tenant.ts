/**
 * The tenant the person is working in, sent as `x-tenant-id` on every request. Kept in
 * localStorage so a reload or a new tab stays in the same tenant; the server only honours it
 * among the person's memberships, so a stale value is harmless.
 */
const storageKey = "jeex.activeTenantId";
const listeners = new Set<() => void>();

export function getActiveTenantId(): string | undefined {
  try {
    return window.localStorage.getItem(storageKey) ?? undefined;
  } catch {
    return undefined; // storage disabled (private mode, sandboxed frame)
  }
}

export function setActiveTenantId(tenantId: string | undefined): void {
  try {
    if (tenantId) window.localStorage.setItem(storageKey, tenantId);
    else window.localStorage.removeItem(storageKey);
  } catch {
    // storage disabled: the choice lasts until reload, the server falls back to the default tenant
  }
  for (const listener of listeners) listener();
}

/** For `useSyncExternalStore`: components re-render when the tenant changes. */
export function subscribeActiveTenant(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab switched tenant: follow it, so two tabs never mix tenants' data in one cache.
if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key === storageKey) for (const listener of listeners) listener();
  });
}
