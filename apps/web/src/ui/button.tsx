import { Slot } from "radix-ui";
import type { ButtonHTMLAttributes } from "react";
import { classNames } from "./class-names.ts";
import { Spinner } from "./spinner.tsx";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md";

const variantClasses: Record<ButtonVariant, string> = {
  primary: "bg-accent text-on-accent border-transparent hover:bg-accent-hover",
  secondary: "bg-surface text-fg border-border hover:bg-surface-muted",
  ghost: "bg-transparent text-fg border-transparent hover:bg-surface-muted",
  danger: "bg-danger text-on-accent border-transparent hover:bg-danger-hover",
};

const sizeClasses: Record<ButtonSize, string> = {
  sm: "h-7 px-2 text-sm gap-1",
  md: "h-8 px-3 text-sm gap-1.5",
};

export function buttonClasses(variant: ButtonVariant = "secondary", size: ButtonSize = "md"): string {
  return classNames(
    "inline-flex items-center justify-center whitespace-nowrap rounded-md border font-medium",
    // An icon keeps its size: a flex item shrinks by default, and a long label squeezed the
    // sign-in button's 16 px icon to nothing on a phone.
    "[&_svg]:shrink-0",
    "transition-colors disabled:cursor-not-allowed disabled:opacity-60",
    variantClasses[variant],
    sizeClasses[size],
  );
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Disables the button and shows a spinner while a mutation is pending. */
  loading?: boolean;
  /** Renders the single child (e.g. a router `Link`) with the button's look. */
  asChild?: boolean;
}

export function Button({
  variant,
  size,
  loading = false,
  asChild = false,
  className,
  disabled,
  type = "button",
  children,
  ...rest
}: ButtonProps) {
  const classes = classNames(buttonClasses(variant, size), className);
  if (asChild) {
    return (
      <Slot.Root className={classes} {...rest}>
        {children}
      </Slot.Root>
    );
  }
  return (
    <button
      type={type}
      className={classes}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...rest}
    >
      {loading ? <Spinner /> : null}
      {children}
    </button>
  );
}
