import { useMutation, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { fieldErrors } from "../../lib/field-errors.ts";
import { type RouterOutputs, useTRPC, useTRPCClient } from "../../lib/trpc.ts";
import { useSubmissionKey } from "../../lib/use-submission-key.ts";
import { Badge } from "../../ui/badge.tsx";
import { Card } from "../../ui/card.tsx";
import { ConfirmTargetDialog } from "../../ui/confirm-target-dialog.tsx";
import { EmptyState } from "../../ui/empty-state.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { QueryBoundary } from "../../ui/query-boundary.tsx";
import { RowDangerButton } from "../../ui/row-danger-button.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { type Role, useMe } from "../auth/use-me.ts";
import { AdminOnly } from "./admin-only.tsx";
import { CopyButton } from "./copy-button.tsx";
import { PagedList } from "./paged-list.tsx";
import { RoleGrantForm, type RoleGrantSubmit } from "./role-grant-form.tsx";
import { roleLabel } from "./roles.ts";
import { useCursorPages } from "./use-cursor-pages.ts";

type ApiKey = RouterOutputs["apiKeys"]["list"]["items"][number];
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** Keys for scripts and the CLI: created with a role, the secret shown once, revoked any time. */
export function ApiKeysPage() {
  const { can, role, query: me } = useMe();
  return (
    <>
      {/* Outside the gap below: the header brings its own space under it (a gap doubled it). */}
      <PageHeader
        title="API keys"
        description="For scripts, the CLI and CI. A key acts in this tenant with the role it was given."
      />
      <div className="flex flex-col gap-6">
        {/* The role decides what is offered, so wait for it rather than flash the refusal. */}
        <QueryBoundary query={me} loadingLabel="Loading your role" errorTitle="Your role could not be loaded">
          {() => (can("admin") ? <ApiKeys ownRole={role} /> : <AdminOnly what="API keys" />)}
        </QueryBoundary>
      </div>
    </>
  );
}

function ApiKeys({ ownRole }: { ownRole: Role | undefined }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<ApiKey | undefined>();
  const refresh = () => void queryClient.invalidateQueries(trpc.apiKeys.pathFilter());
  const { withKey, onAccepted } = useSubmissionKey();
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: onAccepted(refresh) }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));
  const { query, items } = useCursorPages(trpc.apiKeys.list.infiniteQueryKey({}), (input, signal) =>
    client.apiKeys.list.query(input, { signal }),
  );
  const createKey: RoleGrantSubmit = (form, role, clear) =>
    create.mutate(withKey({ name: String(form.get("name") ?? ""), role }), { onSuccess: clear });
  const nameField = (
    <TextField
      label="Name"
      name="name"
      required
      maxLength={100}
      autoComplete="off"
      placeholder="CI pipeline"
      error={fieldErrors(create.error).name}
    />
  );

  return (
    <>
      <Card>
        <RoleGrantForm ownRole={ownRole} mutation={create} onSubmit={createKey} field={nameField}>
          <KeyRound aria-hidden="true" className="size-4" />
          Create key
        </RoleGrantForm>
      </Card>
      {create.data ? <NewKeySecret created={create.data} /> : null}
      <PagedList
        query={query}
        label="API keys"
        loadingLabel="Loading API keys"
        errorTitle="The API keys could not be loaded"
        isEmpty={items.length === 0}
        empty={
          <EmptyState
            icon={KeyRound}
            title="No API keys yet"
            description="Create one for a script or the CLI."
          />
        }
      >
        {items.map((key) => (
          <li key={key.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5 text-sm">
            <div className="min-w-0 flex-1 basis-48">
              <p className="truncate font-medium text-fg">{key.name}</p>
              <p className="text-xs text-fg-muted">
                <code className="font-mono">{key.prefix}…</code> · created{" "}
                <time dateTime={key.createdAt}>{dateFormat.format(new Date(key.createdAt))}</time> ·{" "}
                {key.lastUsedAt ? (
                  <>
                    last used{" "}
                    <time dateTime={key.lastUsedAt}>{dateFormat.format(new Date(key.lastUsedAt))}</time>
                  </>
                ) : (
                  "never used"
                )}
              </p>
            </div>
            <Badge>{roleLabel(key.role)}</Badge>
            <RowDangerButton about={key.name} onClick={() => setRevoking(key)}>
              Revoke
            </RowDangerButton>
          </li>
        ))}
      </PagedList>
      <ConfirmTargetDialog
        target={revoking}
        onDismiss={() => setRevoking(undefined)}
        title={(key) => `Revoke “${key.name}”?`}
        description="Anything using this key is refused from now on. This cannot be undone."
        confirmLabel="Revoke key"
        mutation={revoke}
        failureTitle="The key was not revoked"
        onConfirm={(key, succeeded) => revoke.mutate({ apiKeyId: key.id }, succeeded)}
      />
    </>
  );
}

type CreatedKey = RouterOutputs["apiKeys"]["create"];

/** The new key's secret, shown this once; a retried request answered from its record has none. */
function NewKeySecret({ created }: { created: CreatedKey }) {
  if (!created.secret) {
    return (
      <p role="status" className="rounded-lg border border-warning/30 bg-warning-soft p-4 text-sm text-fg">
        The key “{created.apiKey.name}” was created, but its secret cannot be shown again
        {created.note ? `: ${created.note}` : "."} Revoke it and create another if you did not copy it.
      </p>
    );
  }
  return (
    <div
      role="status"
      className="flex flex-col gap-2 rounded-lg border border-warning/30 bg-warning-soft p-4 text-sm"
    >
      <p className="font-medium text-fg">
        Copy the key “{created.apiKey.name}” now: it is shown only this once.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="new-api-key"
          className="min-w-0 flex-1 select-all break-all rounded bg-surface px-2 py-1 font-mono text-xs"
        >
          {created.secret}
        </code>
        <CopyButton text={created.secret} />
      </div>
    </div>
  );
}
