import {
  apiKeyPageSchema,
  apiKeySchema,
  createApiKeyInputSchema,
  createdApiKeySchema,
  listApiKeysInputSchema,
  revokeApiKeyInputSchema,
} from "@jeex/contracts/api-keys";
import { createApiKey, listApiKeys, revokeApiKey } from "@jeex/core/api-keys";
import { type TenantRequestContext, tenantMutation, tenantQuery } from "../tenant-calls.ts";
import { adminProcedure, router } from "../trpc.ts";

/** Key writes run with the tenant and the secrets that sign and check keys. */
const withKeySecrets = (ctx: TenantRequestContext) => ({
  ...ctx.tenant,
  secrets: ctx.services.apiKeySecrets,
});

export const apiKeysRouter = router({
  create: tenantMutation(
    adminProcedure,
    createApiKeyInputSchema,
    createdApiKeySchema,
    createApiKey,
    withKeySecrets,
  ),
  list: tenantQuery(adminProcedure, listApiKeysInputSchema, apiKeyPageSchema, listApiKeys),
  revoke: tenantMutation(adminProcedure, revokeApiKeyInputSchema, apiKeySchema, revokeApiKey, withKeySecrets),
});
