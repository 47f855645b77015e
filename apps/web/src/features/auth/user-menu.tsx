/**
 * Placeholder for the signed-in person's menu in the top bar: who they are (`auth.me`), the
 * active tenant and a switch between their tenants (`lib/active-tenant.ts`), and sign out.
 * The auth engineer replaces this component; the layout only renders `<UserMenu />`.
 */
export function UserMenu() {
  return <span className="text-sm text-fg-muted">Account</span>;
}
