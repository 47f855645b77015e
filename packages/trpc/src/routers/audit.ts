import { auditPageSchema, listAuditInputSchema } from "@jeex/contracts/audit";
import { listAuditEntries } from "@jeex/core/audit";
import { tenantQuery } from "../tenant-calls.ts";
import { adminProcedure, router } from "../trpc.ts";

export const auditRouter = router({
  list: tenantQuery(adminProcedure, listAuditInputSchema, auditPageSchema, listAuditEntries),
});
