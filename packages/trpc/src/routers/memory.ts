import { memorySearchInputSchema } from "@jeex/contracts/memory";
import { searchMemory } from "@jeex/core/memory/search";
import { router, viewerProcedure } from "../trpc.ts";

export const memoryRouter = router({
  search: viewerProcedure.input(memorySearchInputSchema).query(({ ctx, input, signal }) =>
    searchMemory(
      {
        tenantId: ctx.access.tenantId,
        projects: ctx.scope.projects,
        embedder: ctx.services.memory.embedder,
        vectors: ctx.services.memory.vectors.session(ctx.scope.memory, signal),
        signal,
      },
      input,
    ),
  ),
});
