import type { ProcedureMeta } from "@jeex/trpc/meta";
import type { AnyTRPCRouter, TRPCProcedureType } from "@trpc/server";

/** One procedure of the router as tRPC keeps it at run time. */
export interface ProcedureDefinition {
  type: TRPCProcedureType;
  inputs: unknown[];
  output?: unknown;
  meta?: Partial<ProcedureMeta>;
}

// At run time tRPC v11 keeps every procedure in one flat map keyed by dotted path; its type
// describes the nested record instead, so it is read through this narrow shape, here only.
type FlatProcedures = Record<string, { _def: ProcedureDefinition }>;

/** Every procedure of the router by dotted path, sorted: what the panel, OpenAPI and the host read. */
export function procedureTable(router: AnyTRPCRouter): [path: string, definition: ProcedureDefinition][] {
  const procedures = router._def.procedures as FlatProcedures;
  return Object.entries(procedures)
    .map(([path, procedure]): [string, ProcedureDefinition] => [path, procedure._def])
    .sort(([a], [b]) => a.localeCompare(b));
}

/** The paths of the router's subscriptions (never batched: one path a request). */
export function subscriptionPaths(router: AnyTRPCRouter): ReadonlySet<string> {
  return new Set(
    procedureTable(router)
      .filter(([, definition]) => definition.type === "subscription")
      .map(([path]) => path),
  );
}
