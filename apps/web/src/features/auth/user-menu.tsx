import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, ChevronDown, CircleAlert, CircleUser, LogOut, Mail } from "lucide-react";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { describeError } from "../../lib/trpc-error.ts";
import { useActiveTenant } from "../../lib/use-active-tenant.ts";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
} from "../../ui/dropdown-menu.tsx";
import { Spinner } from "../../ui/spinner.tsx";
import { signInPath } from "./return-to.ts";
import { signOut } from "./sign-out.ts";
import { useMe } from "./use-me.ts";

/** A personal tenant is named after its person: "Personal" says more in their own menu. */
const tenantLabel = (membership: { name: string; personal: boolean }) =>
  membership.personal ? "Personal" : membership.name;

const labelClasses = "px-2 py-1 text-xs font-medium uppercase tracking-wide text-fg-subtle";

/**
 * The signed-in person's menu in the top bar: who they are and in which tenant, a switch when
 * they belong to several, invitations waiting for them, and sign out.
 */
export function UserMenu() {
  const { query, me: answer } = useMe();
  const [, switchTenant] = useActiveTenant();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // A tenant switch resets every query, auth.me too, and asks again: the person is still the one
  // shown, so they stay until the new answer; the spinner is for the first load only.
  const [known, setKnown] = useState(answer);
  if (answer && answer !== known) setKnown(answer);
  const me = answer ?? (query.status === "pending" ? known : undefined);

  if (!me && query.status === "pending") return <Spinner label="Loading your account" />;
  if (!me) {
    // A 401 already sends the person to sign-in; any other failure still leaves a way out.
    return (
      <span
        className="inline-flex items-center gap-1 text-sm text-danger"
        title={describeError(query.error).message}
      >
        <CircleAlert aria-hidden="true" className="size-4 shrink-0" />
        {/* Below sm the header has room for the icon only: the words stay for screen readers. */}
        <span className="sr-only sm:not-sr-only">Account unavailable</span>
      </span>
    );
  }
  const active = me.memberships.find((m) => m.tenantId === me.activeTenant?.tenantId);
  const activeName = active ? tenantLabel(active) : undefined;

  async function handleSignOut() {
    await signOut().catch(() => undefined); // the session may be gone already: still leave
    switchTenant(undefined); // also clears every cached answer of this person
    queryClient.clear();
    // In the history entry's state, not the URL: a reload of the sign-in page does not repeat it.
    void navigate(signInPath("/projects"), { replace: true, state: { signedOut: true } });
  }

  return (
    // Not modal: the page behind stays in the accessibility tree (no aria-hidden around focusable parts).
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className="flex max-w-56 items-center gap-1.5 rounded-md px-2 py-1 text-sm text-fg hover:bg-surface-muted">
        {/* The accessible name contains the visible text (WCAG 2.5.3); on a phone only the icon shows. */}
        <CircleUser aria-hidden="true" className="size-5 shrink-0 text-fg-muted" />
        <span className="sr-only">Account menu: </span>
        <span className="sr-only truncate sm:not-sr-only">{me.user.displayName}</span>
        {activeName ? (
          <span className="sr-only truncate text-fg-muted sm:not-sr-only">· {activeName}</span>
        ) : null}
        <ChevronDown aria-hidden="true" className="size-3.5 shrink-0 text-fg-muted" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenuContent align="end" className="w-64">
          <div className="px-2 py-1.5">
            <p className="truncate font-medium">{me.user.displayName}</p>
            {me.user.email ? <p className="truncate text-fg-muted">{me.user.email}</p> : null}
            {me.activeTenant ? (
              <p className="mt-1 text-fg-muted">
                {activeName ?? "Tenant"} · <span className="capitalize">{me.activeTenant.role}</span>
              </p>
            ) : (
              <p className="mt-1 text-fg-muted">No tenant yet</p>
            )}
          </div>
          {me.memberships.length > 1 ? (
            <>
              <DropdownMenuSeparator />
              <DropdownMenu.Label className={labelClasses}>Switch tenant</DropdownMenu.Label>
              <DropdownMenu.RadioGroup
                value={me.activeTenant?.tenantId ?? ""}
                onValueChange={(tenantId) => switchTenant(tenantId)}
              >
                {me.memberships.map((membership) => (
                  <DropdownMenu.RadioItem
                    key={membership.tenantId}
                    value={membership.tenantId}
                    className="flex cursor-default select-none items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-surface-muted"
                  >
                    <span className="flex size-4 items-center justify-center">
                      <DropdownMenu.ItemIndicator>
                        <Check aria-hidden="true" className="size-4" />
                      </DropdownMenu.ItemIndicator>
                    </span>
                    <span className="min-w-0 flex-1 truncate">{tenantLabel(membership)}</span>
                    <span className="text-xs capitalize text-fg-muted">{membership.role}</span>
                  </DropdownMenu.RadioItem>
                ))}
              </DropdownMenu.RadioGroup>
            </>
          ) : null}
          {me.credential === "session" ? <InvitationItems /> : null}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => void handleSignOut()}>
            <LogOut aria-hidden="true" className="size-4" />
            Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** Invitations sent to the person's verified email: join or decline each. */
function InvitationItems() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.tenants.invitations.mine.queryOptions());
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.tenants.invitations.mine.pathFilter());
    void queryClient.invalidateQueries(trpc.auth.me.pathFilter());
  };
  const accept = useMutation(trpc.tenants.invitations.accept.mutationOptions({ onSuccess: refresh }));
  const decline = useMutation(trpc.tenants.invitations.decline.mutationOptions({ onSuccess: refresh }));
  const list = invitations.data ?? [];
  if (list.length === 0) return null;
  return (
    <>
      <DropdownMenuSeparator />
      <DropdownMenu.Label className={labelClasses}>Invitations for you</DropdownMenu.Label>
      {list.map((invitation) => (
        <DropdownMenu.Group key={invitation.id} aria-label={`Invitation to ${invitation.tenant.name}`}>
          <DropdownMenuItem
            onSelect={(event) => {
              event.preventDefault();
              accept.mutate({ invitationId: invitation.id });
            }}
          >
            <Mail aria-hidden="true" className="size-4" />
            <span className="min-w-0 flex-1 truncate">
              Join {invitation.tenant.name} as {invitation.role}
            </span>
          </DropdownMenuItem>
          <DropdownMenuItem
            className="pl-8 text-fg-muted"
            onSelect={(event) => {
              event.preventDefault();
              decline.mutate({ invitationId: invitation.id });
            }}
          >
            Decline {invitation.tenant.name}
          </DropdownMenuItem>
        </DropdownMenu.Group>
      ))}
      {accept.error || decline.error ? (
        <p role="alert" className="px-2 py-1 text-danger">
          {describeError(accept.error ?? decline.error).message}
        </p>
      ) : null}
    </>
  );
}
