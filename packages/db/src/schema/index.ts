// The schema drizzle-kit reads; one file per domain, policies beside their tables.
export { auditLog } from "./audit.ts";
export { exportStatus, exportsTable } from "./exports.ts";
export { idempotencyKeys } from "./idempotency.ts";
export { apiKeys, memberRole, memberships, tenants, users } from "./identity.ts";
export { invitationStatus, invitations } from "./invitations.ts";
export { memoryChunks } from "./memory.ts";
export { memoryIndexRequests } from "./memory-index-requests.ts";
export { projects } from "./projects.ts";
export { qualityReports } from "./quality.ts";
export { appRole } from "./rls.ts";
export { sessions } from "./sessions.ts";
export {
  agentExecutions,
  documents,
  documentVersions,
  executionStatus,
  stepEnum,
  usageRecords,
  versionSource,
} from "./workflow.ts";
