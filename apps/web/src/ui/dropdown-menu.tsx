import { DropdownMenu } from "radix-ui";
import type { ComponentProps } from "react";
import { classNames } from "./class-names.ts";

/** Radix's menu parts (Root, Trigger, Portal, Group, Label, …): keyboard and ARIA handled. */
export { DropdownMenu };

/** The menu's panel, styled; put it inside `DropdownMenu.Portal`. */
export function DropdownMenuContent({
  className,
  sideOffset = 4,
  ...props
}: DropdownMenu.DropdownMenuContentProps) {
  return (
    <DropdownMenu.Content
      sideOffset={sideOffset}
      className={classNames(
        "z-50 min-w-44 rounded-md border border-border bg-surface p-1 text-sm text-fg shadow-lg",
        className,
      )}
      {...props}
    />
  );
}

export function DropdownMenuItem({ className, ...props }: ComponentProps<typeof DropdownMenu.Item>) {
  return (
    <DropdownMenu.Item
      className={classNames(
        "flex cursor-default select-none items-center gap-2 rounded px-2 py-1.5 outline-none",
        "data-[highlighted]:bg-surface-muted data-[disabled]:opacity-50",
        className,
      )}
      {...props}
    />
  );
}

export function DropdownMenuSeparator() {
  return <DropdownMenu.Separator className="my-1 h-px bg-border" />;
}
