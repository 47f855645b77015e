import type { Role } from "@jeex/contracts/common";

const rank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

export const roleAtLeast = (actual: Role, required: Role) => rank[actual] >= rank[required];

/** A credential never grants more than the member it acts for currently holds. */
export const lesserRole = (a: Role, b: Role): Role => (rank[a] <= rank[b] ? a : b);
