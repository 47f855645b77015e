import { memorySearchInputSchema, memorySearchOutputSchema } from "@jeex/contracts/memory";
import { searchMemory } from "@jeex/core/memory";
import { memberProcedure, router } from "../trpc.ts";

export const memoryRouter = router({
  // A member procedure, not a tenant one: the search embeds the query outside any transaction and
  // opens its own short ones around it (see searchMemory).
  search: memberProcedure("viewer")
    .input(memorySearchInputSchema)
    .output(memorySearchOutputSchema)
    .query(({ ctx, input, signal }) =>
      searchMemory(
        {
          db: ctx.services.db,
          access: ctx.access,
          embedder: ctx.services.memory.embedder,
          vectors: ctx.services.memory.vectors,
          signal,
        },
        input,
      ),
    ),
});
