import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MailPlus } from "lucide-react";
import { useState } from "react";
import { fieldErrors } from "../../lib/field-errors.ts";
import { useTRPC, useTRPCClient } from "../../lib/trpc.ts";
import { useSubmissionKey } from "../../lib/use-submission-key.ts";
import { Card } from "../../ui/card.tsx";
import { ConfirmTargetDialog } from "../../ui/confirm-target-dialog.tsx";
import { RowDangerButton } from "../../ui/row-danger-button.tsx";
import { TextField } from "../../ui/text-field.tsx";
import type { Role } from "../auth/use-me.ts";
import { PagedList } from "./paged-list.tsx";
import { RoleGrantForm, type RoleGrantSubmit } from "./role-grant-form.tsx";
import { roleLabel } from "./roles.ts";
import { useCursorPages } from "./use-cursor-pages.ts";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** Admins invite an email with a role; the person joins when they accept after signing in. */
export function InvitationsSection({ ownRole }: { ownRole: Role | undefined }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<{ id: string; email: string } | undefined>();
  const refresh = () => void queryClient.invalidateQueries(trpc.tenants.invitations.list.pathFilter());
  const { withKey, onAccepted } = useSubmissionKey();
  const invite = useMutation(
    trpc.tenants.invitations.create.mutationOptions({ onSuccess: onAccepted(refresh) }),
  );
  const revoke = useMutation(trpc.tenants.invitations.revoke.mutationOptions({ onSuccess: refresh }));
  const { query, items } = useCursorPages(
    trpc.tenants.invitations.list.infiniteQueryKey({}),
    (input, signal) => client.tenants.invitations.list.query(input, { signal }),
  );
  const sendInvitation: RoleGrantSubmit = (form, role, clear) =>
    invite.mutate(withKey({ email: String(form.get("email") ?? "").trim(), role }), { onSuccess: clear });
  const emailField = (
    <TextField
      label="Email"
      name="email"
      type="email"
      autoComplete="off"
      required
      error={fieldErrors(invite.error).email}
    />
  );

  return (
    <section aria-labelledby="invitations-heading" className="flex flex-col gap-3">
      <h2 id="invitations-heading" className="text-base font-semibold text-fg">
        Invitations
      </h2>
      <Card>
        <RoleGrantForm ownRole={ownRole} mutation={invite} onSubmit={sendInvitation} field={emailField}>
          <MailPlus aria-hidden="true" className="size-4" />
          Invite
        </RoleGrantForm>
        {invite.isSuccess ? (
          <p role="status" className="mt-2 text-sm text-success">
            Invitation sent to {invite.data.email}. They join when they accept it after signing in.
          </p>
        ) : null}
      </Card>
      <PagedList
        query={query}
        label="Pending invitations"
        loadingLabel="Loading invitations"
        errorTitle="The invitations could not be loaded"
        isEmpty={items.length === 0}
        empty={<p className="text-sm text-fg-muted">No pending invitations.</p>}
      >
        {items.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5 text-sm">
            <span className="min-w-0 flex-1 truncate font-medium text-fg">{invitation.email}</span>
            <span className="text-fg-muted">{roleLabel(invitation.role)}</span>
            <span className="text-xs text-fg-muted">
              expires{" "}
              <time dateTime={invitation.expiresAt}>{dateFormat.format(new Date(invitation.expiresAt))}</time>
            </span>
            <RowDangerButton
              about={`the invitation for ${invitation.email}`}
              onClick={() => setRevoking({ id: invitation.id, email: invitation.email })}
            >
              Revoke
            </RowDangerButton>
          </li>
        ))}
      </PagedList>
      <ConfirmTargetDialog
        target={revoking}
        onDismiss={() => setRevoking(undefined)}
        title={(invitation) => `Revoke the invitation for ${invitation.email}?`}
        description="The link stops working; you can invite them again later."
        confirmLabel="Revoke invitation"
        mutation={revoke}
        failureTitle="The invitation was not revoked"
        onConfirm={(invitation, succeeded) => revoke.mutate({ invitationId: invitation.id }, succeeded)}
      />
    </section>
  );
}
