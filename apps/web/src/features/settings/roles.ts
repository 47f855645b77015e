import type { Role } from "../auth/use-me.ts";
import { hasRole } from "../auth/use-me.ts";

const all: { value: Role; label: string }[] = [
  { value: "viewer", label: "Viewer" },
  { value: "editor", label: "Editor" },
  { value: "admin", label: "Admin" },
  { value: "owner", label: "Owner" },
];

/** The roles a person may hand out: up to their own (the server enforces the same rule). */
export function assignableRoles(own: Role | undefined) {
  return all.filter((role) => own !== undefined && hasRole(own, role.value));
}

export const roleLabel = (role: Role) => all.find((r) => r.value === role)?.label ?? role;
