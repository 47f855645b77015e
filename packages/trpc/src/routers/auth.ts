import { loginProviderSchema, meSchema } from "@jeex/contracts/auth";
import { describePrincipal } from "@jeex/core/auth";
import { z } from "zod";
import { authedProcedure, publicProcedure, router } from "../trpc.ts";

export const authRouter = router({
  me: authedProcedure
    .output(meSchema)
    .query(({ ctx }) => describePrincipal(ctx.services.db.system, ctx.principal, ctx.requestedTenantId)),
  providers: publicProcedure
    .output(z.array(loginProviderSchema))
    .query(({ ctx }) => ctx.services.loginProviders),
});
