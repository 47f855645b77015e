import type { Role } from "@jeex/contracts/common";

/**
 * Who may call a procedure: nobody signed in, any signed-in caller, a person with a browser session
 * (no API key or client token), or a member with at least a role.
 */
export type ProcedureAccess = "public" | "signed-in" | "person" | Role;

/**
 * Rules as data: each procedure tier stamps its access rule on the procedure, so the published
 * contract (`/openapi.json`) reads it from the router instead of a hand-kept copy.
 */
export interface ProcedureMeta {
  access: ProcedureAccess;
}
