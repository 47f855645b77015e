import type { ExportDetail } from "@jeex/contracts/exports";
import { StatusBadge } from "../../ui/status-badge.tsx";
import { sourceWord } from "../documents/version-author.ts";
import { formatBytes } from "./format-bytes.ts";

type ManifestFile = NonNullable<ExportDetail["manifest"]>["files"][number];

// The words the version history and its pickers use ("person", not the API's "human"); the
// README the export writes itself is the one file with no version behind it.
const manifestSourceWord: Record<ManifestFile["source"], string> = { ...sourceWord, generated: "generated" };

// Below `sm` (a phone) each row stacks: the path on one line, then source, size and checksum, so
// nothing sits in a column off the screen's edge. The table keeps its headers for screen readers.
const cell = "px-2 py-1.5 max-sm:p-0";

/** The pack's files: path and version, where the text came from, its size and its checksum. */
export function ManifestTable({ files }: { files: ManifestFile[] }) {
  return (
    <div className="overflow-x-auto rounded-md border border-border">
      <table className="w-full text-left text-xs max-sm:block">
        <caption className="sr-only">Files in the pack</caption>
        <thead className="bg-surface-muted text-fg-muted max-sm:sr-only">
          <tr>
            <th scope="col" className="px-2 py-1.5 font-medium">
              File
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              Source
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              Size
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              SHA-256
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border max-sm:block">
          {files.map((file) => (
            <ManifestRow key={file.path} file={file} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ManifestRow({ file }: { file: ManifestFile }) {
  return (
    <tr className="max-sm:flex max-sm:flex-wrap max-sm:items-baseline max-sm:gap-x-3 max-sm:gap-y-0.5 max-sm:px-2 max-sm:py-1.5">
      <td className={`${cell} font-mono text-fg max-sm:basis-full max-sm:wrap-anywhere`}>
        {file.path}
        {file.version !== null ? <span className="ml-1 text-fg-muted">v{file.version}</span> : null}
        {file.stale ? (
          <span className="ml-1">
            <StatusBadge status="stale" />
          </span>
        ) : null}
      </td>
      <td className={`${cell} text-fg-muted`}>{manifestSourceWord[file.source]}</td>
      <td className={`${cell} whitespace-nowrap text-fg-muted`}>{formatBytes(file.bytes)}</td>
      <td className={`${cell} max-sm:flex max-sm:min-w-0 max-sm:flex-1 max-sm:gap-1`}>
        {/* The column header's word, shown where the stacked row has no header above it. */}
        <span aria-hidden="true" className="shrink-0 whitespace-nowrap text-fg-muted sm:hidden">
          SHA-256
        </span>
        {/* The whole checksum is there to select and copy; only its display is cut short. */}
        <code
          className="block min-w-0 select-all truncate font-mono text-fg-muted sm:w-[13ch]"
          title={file.sha256}
        >
          {file.sha256}
        </code>
      </td>
    </tr>
  );
}
