export * from "./invitations.ts";
export * from "./members.ts";
export * from "./received-invitations.ts";
export * from "./tenants.ts";
