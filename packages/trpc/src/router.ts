import { projectsRouter } from "./routers/projects.ts";
import { createCallerFactory, router } from "./trpc.ts";

/** The root only composes domain routers. */
export const appRouter = router({
  projects: projectsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
