import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MailPlus } from "lucide-react";
import { type FormEvent, useState } from "react";
import { fieldErrors } from "../../lib/field-errors.ts";
import { useTRPC, useTRPCClient } from "../../lib/trpc.ts";
import { useSubmissionKey } from "../../lib/use-submission-key.ts";
import { Button } from "../../ui/button.tsx";
import { Card } from "../../ui/card.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { ErrorState } from "../../ui/error-state.tsx";
import { SelectField } from "../../ui/select-field.tsx";
import { TextField } from "../../ui/text-field.tsx";
import type { Role } from "../auth/use-me.ts";
import { FormError } from "./form-error.tsx";
import { ListStates } from "./list-states.tsx";
import { LoadMore } from "./load-more.tsx";
import { assignableRoles, roleLabel } from "./roles.ts";
import { useCursorPages } from "./use-cursor-pages.ts";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** Admins invite an email with a role; the person joins when they accept after signing in. */
export function InvitationsSection({ ownRole }: { ownRole: Role | undefined }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<{ id: string; email: string } | undefined>();
  const refresh = () => void queryClient.invalidateQueries(trpc.tenants.invitations.list.pathFilter());
  const { withKey, accepted } = useSubmissionKey();
  const invite = useMutation(
    trpc.tenants.invitations.create.mutationOptions({
      onSuccess: (_invitation, variables) => {
        accepted(variables.idempotencyKey);
        refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.tenants.invitations.revoke.mutationOptions({
      onSuccess: () => {
        refresh();
        setRevoking(undefined);
      },
    }),
  );
  const { query, items } = useCursorPages(
    trpc.tenants.invitations.list.infiniteQueryKey({}),
    (cursor, signal) => client.tenants.invitations.list.query(cursor ? { cursor } : {}, { signal }),
  );
  const errors = fieldErrors(invite.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    invite.mutate(
      withKey({ email: String(form.get("email") ?? "").trim(), role: String(form.get("role")) as Role }),
      { onSuccess: () => formElement.reset() },
    );
  }

  return (
    <section aria-labelledby="invitations-heading" className="flex flex-col gap-3">
      <h2 id="invitations-heading" className="text-base font-semibold text-fg">
        Invitations
      </h2>
      <Card>
        <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-3">
          <div className="min-w-52 flex-1">
            <TextField
              label="Email"
              name="email"
              type="email"
              autoComplete="off"
              required
              error={errors.email}
            />
          </div>
          <SelectField
            label="Role"
            name="role"
            defaultValue="editor"
            options={assignableRoles(ownRole)}
            error={errors.role}
          />
          <Button type="submit" variant="primary" loading={invite.isPending} className="mt-6">
            <MailPlus aria-hidden="true" className="size-4" />
            Invite
          </Button>
        </form>
        {invite.error && Object.keys(errors).length === 0 ? (
          <div className="mt-2">
            <FormError error={invite.error} />
          </div>
        ) : null}
        {invite.isSuccess ? (
          <p role="status" className="mt-2 text-sm text-success">
            Invitation sent to {invite.data.email}. They join when they accept it after signing in.
          </p>
        ) : null}
      </Card>
      <ListStates
        query={query}
        loadingLabel="Loading invitations"
        errorTitle="The invitations could not be loaded"
        isEmpty={items.length === 0}
        empty={<p className="text-sm text-fg-muted">No pending invitations.</p>}
      >
        <ul
          aria-label="Pending invitations"
          className="divide-y divide-border rounded-lg border border-border bg-surface"
        >
          {items.map((invitation) => (
            <li
              key={invitation.id}
              className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5 text-sm"
            >
              <span className="min-w-0 flex-1 truncate font-medium text-fg">{invitation.email}</span>
              <span className="text-fg-muted">{roleLabel(invitation.role)}</span>
              <span className="text-xs text-fg-muted">
                expires{" "}
                <time dateTime={invitation.expiresAt}>
                  {dateFormat.format(new Date(invitation.expiresAt))}
                </time>
              </span>
              <Button
                size="sm"
                variant="ghost"
                className="text-danger"
                onClick={() => setRevoking({ id: invitation.id, email: invitation.email })}
              >
                Revoke<span className="sr-only"> the invitation for {invitation.email}</span>
              </Button>
            </li>
          ))}
        </ul>
        <LoadMore query={query} />
      </ListStates>
      {revoking ? (
        <ConfirmDialog
          open
          onOpenChange={(open) => {
            if (!open) {
              setRevoking(undefined);
              revoke.reset();
            }
          }}
          tone="danger"
          title={`Revoke the invitation for ${revoking.email}?`}
          description="The link stops working; you can invite them again later."
          confirmLabel="Revoke invitation"
          pending={revoke.isPending}
          onConfirm={() => revoke.mutate({ invitationId: revoking.id })}
        >
          {revoke.error ? <ErrorState error={revoke.error} title="The invitation was not revoked" /> : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
