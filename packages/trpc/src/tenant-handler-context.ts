import type { AuditActor } from "@jeex/core/audit";
import type { TenantAccess } from "@jeex/core/auth";
import {
  createApiKeyRepository,
  createAuditRepository,
  createDocumentRepository,
  createExecutionRepository,
  createExportRepository,
  createIdempotencyRepository,
  createInvitationRepository,
  createMembershipRepository,
  createMemoryRepository,
  createProjectRepository,
  createQualityReportRepository,
  createUsageRepository,
} from "@jeex/db/repositories";
import type { TenantTransaction } from "@jeex/db/tenant";

/**
 * What tenant handlers receive: the tenant's repositories (all bound to one transaction), who is
 * acting with which role, and a way to run work once the transaction has committed.
 */
export function tenantHandlerContext(tx: TenantTransaction, access: TenantAccess, actor: AuditActor) {
  const afterCommitWork: (() => Promise<void>)[] = [];
  return {
    access,
    actor,
    projects: createProjectRepository(tx),
    members: createMembershipRepository(tx),
    invitations: createInvitationRepository(tx),
    apiKeys: createApiKeyRepository(tx),
    audit: createAuditRepository(tx),
    executions: createExecutionRepository(tx),
    documents: createDocumentRepository(tx),
    exports: createExportRepository(tx),
    idempotency: createIdempotencyRepository(tx),
    memory: createMemoryRepository(tx),
    usage: createUsageRepository(tx),
    quality: createQualityReportRepository(tx),
    afterCommit: (work: () => Promise<void>) => {
      afterCommitWork.push(work);
    },
    afterCommitWork,
  };
}

export type TenantHandlerContext = ReturnType<typeof tenantHandlerContext>;
