import type { ReactNode } from "react";
import { Button } from "./button.tsx";

export interface RowDangerButtonProps {
  /** What everyone reads: "Revoke". */
  children: ReactNode;
  /** Read after it by screen readers only, so each row's button has a name of its own: "CI pipeline". */
  about: string;
  onClick: () => void;
}

/** A list row's destructive action (it opens a confirmation): small, in the danger colour, named for its row. */
export function RowDangerButton({ children, about, onClick }: RowDangerButtonProps) {
  return (
    <Button size="sm" variant="ghost" className="text-danger" onClick={onClick}>
      {children}
      <span className="sr-only"> {about}</span>
    </Button>
  );
}
