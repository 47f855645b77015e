import {
  apiKeyPageSchema,
  apiKeySchema,
  createApiKeyInputSchema,
  createdApiKeySchema,
  listApiKeysInputSchema,
  revokeApiKeyInputSchema,
} from "@jeex/contracts/api-keys";
import { createApiKey, listApiKeys, revokeApiKey } from "@jeex/core/api-keys";
import type { RequestContext } from "../context.ts";
import { tenantQuery } from "../tenant-calls.ts";
import type { TenantHandlerContext } from "../tenant-handler-context.ts";
import { adminProcedure, router } from "../trpc.ts";

/** Key writes run with the tenant and the secrets that sign and check keys. */
const withKeySecrets = (ctx: RequestContext & { tenant: TenantHandlerContext }) => ({
  ...ctx.tenant,
  secrets: ctx.services.apiKeySecrets,
});

export const apiKeysRouter = router({
  create: adminProcedure
    .input(createApiKeyInputSchema)
    .output(createdApiKeySchema)
    .mutation(({ ctx, input }) => createApiKey(withKeySecrets(ctx), input)),
  list: tenantQuery(adminProcedure, listApiKeysInputSchema, apiKeyPageSchema, listApiKeys),
  revoke: adminProcedure
    .input(revokeApiKeyInputSchema)
    .output(apiKeySchema)
    .mutation(({ ctx, input }) => revokeApiKey(withKeySecrets(ctx), input)),
});
