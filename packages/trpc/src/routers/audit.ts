import { auditPageSchema, listAuditInputSchema } from "@jeex/contracts/audit";
import { listAuditEntries } from "@jeex/core/audit";
import { adminProcedure, router } from "../trpc.ts";

export const auditRouter = router({
  list: adminProcedure
    .input(listAuditInputSchema)
    .output(auditPageSchema)
    .query(({ ctx, input }) => listAuditEntries(ctx.tenant, input)),
});
