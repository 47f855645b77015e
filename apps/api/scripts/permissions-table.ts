// The README's permission table, generated from the router: each procedure tier stamps its access
// rule on the procedure (`meta.access`, packages/trpc/src/meta.ts), and this prints them grouped.
//
// Usage (from the repository root):
//   node apps/api/scripts/permissions-table.ts           prints the table
//   pnpm docs:permissions                                 rewrites it in README.md (--write)
// apps/api/test/docs/permissions-table.test.ts fails when README.md and the router disagree.

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ProcedureAccess, ProcedureMeta } from "@jeex/trpc/meta";
import { appRouter } from "@jeex/trpc/router";
import type { AnyTRPCRouter } from "@trpc/server";

export const README = fileURLToPath(new URL("../../../README.md", import.meta.url));
export const START_MARKER = "<!-- permissions:start -->";
export const END_MARKER = "<!-- permissions:end -->";

/** Every access level, least demanding first, with who passes it. */
const LEVELS: ReadonlyArray<readonly [ProcedureAccess, string]> = [
  ["public", "anyone, without a credential"],
  ["signed-in", "any signed-in caller: a session, an API key or a client-credentials token"],
  ["person", "a person with a browser session; never an API key or client token"],
  ["viewer", "viewer, editor, admin or owner of the active tenant"],
  ["editor", "editor, admin or owner of the active tenant"],
  ["admin", "admin or owner of the active tenant"],
  ["owner", "owner of the active tenant"],
];

// At run time tRPC keeps every procedure in one flat map keyed by dotted path; its type describes
// the nested record instead, so it is read through this narrow shape.
type FlatProcedures = Record<string, { _def: { meta?: Partial<ProcedureMeta> } }>;

/** The Markdown table: one row per access level, its procedures sorted by path. */
export function permissionsTable(router: AnyTRPCRouter = appRouter): string {
  const byLevel = new Map<ProcedureAccess, string[]>(LEVELS.map(([level]) => [level, []]));
  const procedures = Object.entries(router._def.procedures as FlatProcedures);
  for (const [path, procedure] of procedures.sort(([a], [b]) => a.localeCompare(b))) {
    const access = procedure._def.meta?.access;
    const paths = access ? byLevel.get(access) : undefined;
    if (!paths) throw new Error(`${path} states no known access level in its meta (got ${String(access)})`);
    paths.push(path);
  }
  const rows = LEVELS.map(([level, who]) => {
    const paths = byLevel.get(level) ?? [];
    return `| ${level} | ${who} | ${paths.length ? paths.map((path) => `\`${path}\``).join(", ") : "—"} |`;
  });
  return ["| access | who may call | procedures |", "| --- | --- | --- |", ...rows].join("\n");
}

/** `readme` with the text between the markers replaced by `table`. */
export function withPermissionsTable(readme: string, table: string): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`README.md lacks ${START_MARKER} … ${END_MARKER}`);
  return `${readme.slice(0, start + START_MARKER.length)}\n${table}\n${readme.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const table = permissionsTable();
  if (process.argv.includes("--write")) {
    const readme = readFileSync(README, "utf8");
    const updated = withPermissionsTable(readme, table);
    if (updated !== readme) writeFileSync(README, updated);
    process.stdout.write(`permissions: README.md ${updated === readme ? "already current" : "rewritten"}\n`);
  } else {
    process.stdout.write(`${table}\n`);
  }
}
