import { type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useId } from "react";
import { classNames } from "./class-names.ts";

const controlClasses = classNames(
  "block w-full rounded-md border bg-surface px-2.5 py-1.5 text-sm text-fg",
  "placeholder:text-fg-subtle disabled:opacity-60",
);

interface FieldProps {
  label: ReactNode;
  /** The server's or the form's message; marks the control invalid and is announced with it. */
  error?: string | undefined;
  hint?: ReactNode;
}

interface FieldFrameProps extends FieldProps {
  id: string;
  children: ReactNode;
}

function FieldFrame({ id, label, error, hint, children }: FieldFrameProps) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-fg">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-fg-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, { error, hint }: FieldProps): string | undefined {
  const ids = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export type TextFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "children">;

/** The control's id (the caller's or a generated one) and what ties it to its label, hint and error. */
function useControlProps(id: string | undefined, field: FieldProps, className: string | undefined) {
  const generated = useId();
  const controlId = id ?? generated;
  return {
    id: controlId,
    "aria-invalid": field.error ? true : undefined,
    "aria-describedby": describedBy(controlId, field),
    className: classNames(controlClasses, field.error ? "border-danger" : "border-border", className),
  };
}

export function TextField({ label, error, hint, id, className, ...input }: TextFieldProps) {
  const control = useControlProps(id, { label, error, hint }, className);
  return (
    <FieldFrame id={control.id} label={label} error={error} hint={hint}>
      <input {...control} {...input} />
    </FieldFrame>
  );
}

export type TextAreaProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "children">;

export function TextArea({ label, error, hint, id, className, rows = 4, ...textarea }: TextAreaProps) {
  const control = useControlProps(id, { label, error, hint }, className);
  return (
    <FieldFrame id={control.id} label={label} error={error} hint={hint}>
      <textarea {...control} rows={rows} {...textarea} />
    </FieldFrame>
  );
}
