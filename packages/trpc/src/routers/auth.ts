import { describePrincipal } from "@jeex/core/auth/me";
import { authedProcedure, publicProcedure, router } from "../trpc.ts";

export const authRouter = router({
  me: authedProcedure.query(({ ctx }) =>
    describePrincipal(ctx.services.db.system, ctx.principal, ctx.requestedTenantId),
  ),
  providers: publicProcedure.query(({ ctx }) => ctx.services.loginProviders),
});
