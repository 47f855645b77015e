import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC, useTRPCClient } from "../../lib/trpc.ts";
import { ConfirmTargetDialog } from "../../ui/confirm-target-dialog.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { RowDangerButton } from "../../ui/row-danger-button.tsx";
import { SelectField } from "../../ui/select-field.tsx";
import { type Role, useMe } from "../auth/use-me.ts";
import { FormError } from "./form-error.tsx";
import { InvitationsSection } from "./invitations-section.tsx";
import { PagedList } from "./paged-list.tsx";
import { assignableRoles, roleLabel } from "./roles.ts";
import { useCursorPages } from "./use-cursor-pages.ts";

/** Who belongs to the tenant and with which role; admins change roles, remove people and invite. */
export function MembersPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { me, role, can } = useMe();
  const isAdmin = can("admin");
  const [removing, setRemoving] = useState<{ userId: string; name: string } | undefined>();
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.tenants.members.pathFilter());
    void queryClient.invalidateQueries(trpc.auth.me.pathFilter());
  };
  const setRole = useMutation(trpc.tenants.members.setRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.tenants.members.remove.mutationOptions({ onSuccess: refresh }));
  const { query, items } = useCursorPages(trpc.tenants.members.list.infiniteQueryKey({}), (input, signal) =>
    client.tenants.members.list.query(input, { signal }),
  );

  return (
    <>
      {/* Outside the gaps below: the header brings its own space under it (a gap added to it). */}
      <PageHeader title="Members" description="The people of this tenant and what each may do." />
      <div className="flex flex-col gap-8">
        <div className="flex flex-col gap-3">
          <PagedList
            query={query}
            label="Members"
            loadingLabel="Loading members"
            errorTitle="The members could not be loaded"
            isEmpty={items.length === 0}
            empty={<p className="text-sm text-fg-muted">Nobody is a member yet.</p>}
          >
            {items.map((member) => {
              const isMe = member.userId === me?.user.id;
              return (
                <li
                  key={member.userId}
                  className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5 text-sm"
                >
                  <div className="min-w-0 flex-1 basis-48">
                    <p className="truncate font-medium text-fg">
                      {member.displayName}
                      {isMe ? <span className="font-normal text-fg-muted"> (you)</span> : null}
                    </p>
                    {member.email ? <p className="truncate text-xs text-fg-muted">{member.email}</p> : null}
                  </div>
                  {isAdmin && !isMe ? (
                    <>
                      <SelectField
                        label={`Role of ${member.displayName}`}
                        hideLabel
                        value={member.role}
                        disabled={setRole.isPending}
                        options={assignableRoles(role).concat(
                          assignableRoles(role).some((r) => r.value === member.role)
                            ? []
                            : [{ value: member.role, label: roleLabel(member.role) }],
                        )}
                        onChange={(event) =>
                          setRole.mutate({ userId: member.userId, role: event.target.value as Role })
                        }
                      />
                      <RowDangerButton
                        about={member.displayName}
                        onClick={() => setRemoving({ userId: member.userId, name: member.displayName })}
                      >
                        Remove
                      </RowDangerButton>
                    </>
                  ) : (
                    <span className="text-fg-muted">{roleLabel(member.role)}</span>
                  )}
                </li>
              );
            })}
          </PagedList>
          {setRole.error ? <FormError error={setRole.error} /> : null}
        </div>
        {isAdmin ? <InvitationsSection ownRole={role} /> : null}
        <ConfirmTargetDialog
          target={removing}
          onDismiss={() => setRemoving(undefined)}
          title={(member) => `Remove ${member.name} from this tenant?`}
          description="They lose access to every project here at once. You can invite them again."
          confirmLabel="Remove member"
          mutation={remove}
          failureTitle="The member was not removed"
          onConfirm={(member, succeeded) => remove.mutate({ userId: member.userId }, succeeded)}
        />
      </div>
    </>
  );
}
