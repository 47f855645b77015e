import type { HTMLAttributes } from "react";
import { classNames } from "./class-names.ts";

export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div className={classNames("rounded-lg border border-border bg-surface p-4", className)} {...props} />
  );
}
