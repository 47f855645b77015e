import {
  createApiKeyInputSchema,
  listApiKeysInputSchema,
  revokeApiKeyInputSchema,
} from "@jeex/contracts/api-keys";
import { createApiKey, listApiKeys, revokeApiKey } from "@jeex/core/api-keys";
import { adminProcedure, router } from "../trpc.ts";

export const apiKeysRouter = router({
  create: adminProcedure
    .input(createApiKeyInputSchema)
    .mutation(({ ctx, input }) => createApiKey({ ...ctx.scope, secrets: ctx.services.apiKeySecrets }, input)),
  list: adminProcedure.input(listApiKeysInputSchema).query(({ ctx, input }) => listApiKeys(ctx.scope, input)),
  revoke: adminProcedure
    .input(revokeApiKeyInputSchema)
    .mutation(({ ctx, input }) => revokeApiKey({ ...ctx.scope, secrets: ctx.services.apiKeySecrets }, input)),
});
