import type { AuditActor } from "@jeex/core/audit/actor";
import type { TenantAccess } from "@jeex/core/auth/principal";
import { createApiKeyRepository } from "@jeex/db/repositories/api-keys";
import { createAuditRepository } from "@jeex/db/repositories/audit";
import { createDocumentRepository } from "@jeex/db/repositories/documents";
import { createExecutionRepository } from "@jeex/db/repositories/executions";
import { createExportRepository } from "@jeex/db/repositories/exports";
import { createIdempotencyRepository } from "@jeex/db/repositories/idempotency";
import { createInvitationRepository } from "@jeex/db/repositories/invitations";
import { createMembershipRepository } from "@jeex/db/repositories/memberships";
import { createMemoryRepository } from "@jeex/db/repositories/memory";
import { createProjectRepository } from "@jeex/db/repositories/projects";
import { createQualityReportRepository } from "@jeex/db/repositories/quality";
import { createUsageRepository } from "@jeex/db/repositories/usage";
import type { TenantTransaction } from "@jeex/db/tenant";

/**
 * What tenant handlers receive: the tenant's repositories (all bound to one transaction), who is
 * acting with which role, and a way to run work once the transaction has committed.
 */
export function tenantScope(tx: TenantTransaction, access: TenantAccess, actor: AuditActor) {
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

export type TenantScope = ReturnType<typeof tenantScope>;
