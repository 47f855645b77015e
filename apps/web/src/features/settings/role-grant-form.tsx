import type { FormEvent, ReactNode } from "react";
import { fieldErrors } from "../../lib/field-errors.ts";
import { Button } from "../../ui/button.tsx";
import { SelectField } from "../../ui/select-field.tsx";
import type { Role } from "../auth/use-me.ts";
import { FormError } from "./form-error.tsx";
import { assignableRoles } from "./roles.ts";

/** Sends the form; `clear` empties it, for once the server accepted it. */
export type RoleGrantSubmit = (form: FormData, role: Role, clear: () => void) => void;

export interface RoleGrantFormProps {
  /** The person's own role: nobody grants a role above it. */
  ownRole: Role | undefined;
  /** The `useMutation` result the form sends with. */
  mutation: { isPending: boolean; error: unknown };
  onSubmit: RoleGrantSubmit;
  /** The one field that names what gets the role: a key's name, an invitee's email. */
  field: ReactNode;
  /** The submit button's content. */
  children: ReactNode;
}

/** A one-line form that gives something a role: its field, the role, submit, and what went wrong. */
export function RoleGrantForm({ ownRole, mutation, onSubmit, field, children }: RoleGrantFormProps) {
  const errors = fieldErrors(mutation.error);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    onSubmit(form, String(form.get("role")) as Role, () => formElement.reset());
  }
  return (
    <>
      {/* One row from `sm` up, the button level with the controls below their labels; on a phone
          the field and role share a row and the button starts the next, with no label gap above it. */}
      <form
        onSubmit={submit}
        noValidate
        className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-3 sm:grid-cols-[minmax(0,1fr)_auto_auto]"
      >
        <div className="min-w-0">{field}</div>
        <SelectField
          label="Role"
          name="role"
          defaultValue="editor"
          options={assignableRoles(ownRole)}
          error={errors.role}
        />
        <Button
          type="submit"
          variant="primary"
          loading={mutation.isPending}
          className="col-span-2 justify-self-start sm:col-span-1 sm:mt-6"
        >
          {children}
        </Button>
      </form>
      {/* A field's own issue shows under it; the rest (quota, conflict, outage) shows here. */}
      {mutation.error && Object.keys(errors).length === 0 ? (
        <div className="mt-2">
          <FormError error={mutation.error} />
        </div>
      ) : null}
    </>
  );
}
