import { classNames } from "../../ui/class-names.ts";
import type { DiffRow } from "./diff-rows.ts";

export interface DiffViewProps {
  rows: DiffRow[];
  /** Names the two sides for screen readers and the legend: "v2", "v3". */
  fromLabel: string;
  toLabel: string;
}

const rowClasses: Record<DiffRow["kind"], string> = {
  hunk: "bg-info-soft text-fg-muted",
  context: "",
  added: "bg-success-soft",
  removed: "bg-danger-soft",
};

/**
 * An inline diff: old and new line numbers, a sign column (+ added, − removed) and colour, so the
 * change reads without seeing colour.
 */
export function DiffView({ rows, fromLabel, toLabel }: DiffViewProps) {
  if (rows.length === 0) {
    return (
      <p className="py-4 text-sm text-fg-muted">
        No differences between {fromLabel} and {toLabel}.
      </p>
    );
  }
  return (
    <div className="scroll-edges-x rounded-lg border border-border">
      <table className="w-full border-collapse font-mono text-xs">
        <caption className="sr-only">
          Changes from {fromLabel} to {toLabel}
        </caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Line in {fromLabel}</th>
            <th scope="col">Line in {toLabel}</th>
            <th scope="col">Change</th>
            <th scope="col">Text</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // Rows have no identity beyond their place in this diff.
            <DiffLine key={index} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DiffLine({ row }: { row: DiffRow }) {
  if (row.kind === "hunk") {
    return (
      <tr className={rowClasses.hunk}>
        <td colSpan={4} className="px-2 py-1">
          {row.header}
        </td>
      </tr>
    );
  }
  const oldLine = row.kind === "added" ? "" : row.oldLine;
  const newLine = row.kind === "removed" ? "" : row.newLine;
  return (
    <tr className={classNames(rowClasses[row.kind], "align-top")} data-kind={row.kind}>
      <td className="w-10 select-none px-2 text-right text-fg-muted">{oldLine}</td>
      <td className="w-10 select-none px-2 text-right text-fg-muted">{newLine}</td>
      <td className="w-5 select-none text-center">
        <Sign kind={row.kind} />
      </td>
      {/* Wraps at spaces, and breaks a word only when it alone is wider than the column: break-all
          cut "HTTPS" into "HTTP" / "S" on a phone. */}
      <td className="whitespace-pre-wrap wrap-anywhere py-px pr-2 text-fg">{row.text || " "}</td>
    </tr>
  );
}

function Sign({ kind }: { kind: DiffRow["kind"] }) {
  if (kind === "added") {
    return (
      <span className="font-semibold text-success">
        <span aria-hidden="true">+</span>
        <span className="sr-only">added</span>
      </span>
    );
  }
  if (kind === "removed") {
    return (
      <span className="font-semibold text-danger">
        <span aria-hidden="true">−</span>
        <span className="sr-only">removed</span>
      </span>
    );
  }
  return null;
}
