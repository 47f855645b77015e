import {
  apiKeyPageSchema,
  apiKeySchema,
  createApiKeyInputSchema,
  createdApiKeySchema,
  listApiKeysInputSchema,
  revokeApiKeyInputSchema,
} from "@jeex/contracts/api-keys";
import { createApiKey, listApiKeys, revokeApiKey } from "@jeex/core/api-keys";
import { adminProcedure, router } from "../trpc.ts";

export const apiKeysRouter = router({
  create: adminProcedure
    .input(createApiKeyInputSchema)
    .output(createdApiKeySchema)
    .mutation(({ ctx, input }) => createApiKey({ ...ctx.scope, secrets: ctx.services.apiKeySecrets }, input)),
  list: adminProcedure
    .input(listApiKeysInputSchema)
    .output(apiKeyPageSchema)
    .query(({ ctx, input }) => listApiKeys(ctx.scope, input)),
  revoke: adminProcedure
    .input(revokeApiKeyInputSchema)
    .output(apiKeySchema)
    .mutation(({ ctx, input }) => revokeApiKey({ ...ctx.scope, secrets: ctx.services.apiKeySecrets }, input)),
});
