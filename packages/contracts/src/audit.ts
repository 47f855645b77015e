import { z } from "zod";
import { idSchema, pageSchema, paginationInputSchema, safeText, timestampSchema } from "./common.ts";

export const auditEntrySchema = z.object({
  id: idSchema,
  actorUserId: idSchema.nullable(),
  actorKind: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  createdAt: timestampSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const listAuditInputSchema = paginationInputSchema
  .extend({ action: safeText().max(100).optional() })
  .prefault({});
export type ListAuditInput = z.infer<typeof listAuditInputSchema>;
export const auditPageSchema = pageSchema(auditEntrySchema);
