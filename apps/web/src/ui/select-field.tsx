import { type ReactNode, type SelectHTMLAttributes, useId } from "react";
import { classNames } from "./class-names.ts";

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "children"> {
  label: ReactNode;
  /** Visually hidden label (a role picker inside a table row still needs its name). */
  hideLabel?: boolean;
  options: readonly { value: string; label: string }[];
  error?: string | undefined;
}

/** A native `<select>` with its label: keyboard, screen readers and phones handle it well. */
export function SelectField({
  label,
  hideLabel = false,
  options,
  error,
  id,
  className,
  ...select
}: SelectFieldProps) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={selectId} className={hideLabel ? "sr-only" : "text-sm font-medium text-fg"}>
        {label}
      </label>
      <select
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${selectId}-error` : undefined}
        className={classNames(
          "block h-8 rounded-md border bg-surface px-2 text-sm text-fg disabled:opacity-60",
          error ? "border-danger" : "border-border",
          className,
        )}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${selectId}-error`} className="text-xs text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
