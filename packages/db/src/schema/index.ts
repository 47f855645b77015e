// The schema drizzle-kit reads; one file per domain, policies beside their tables.
export { auditLog } from "./audit.ts";
export { apiKeys, memberRole, memberships, tenants, users } from "./identity.ts";
export { projects } from "./projects.ts";
export { appRole } from "./rls.ts";
export { sessions } from "./sessions.ts";
