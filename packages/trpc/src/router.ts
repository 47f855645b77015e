import { apiKeysRouter } from "./routers/api-keys.ts";
import { auditRouter } from "./routers/audit.ts";
import { authRouter } from "./routers/auth.ts";
import { documentsRouter } from "./routers/documents.ts";
import { exportsRouter } from "./routers/exports.ts";
import { memoryRouter } from "./routers/memory.ts";
import { projectsRouter } from "./routers/projects.ts";
import { tenantsRouter } from "./routers/tenants.ts";
import { usageRouter } from "./routers/usage.ts";
import { workflowRouter } from "./routers/workflow.ts";
import { createCallerFactory, router } from "./trpc.ts";

/** The root only composes domain routers. */
export const appRouter = router({
  auth: authRouter,
  tenants: tenantsRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  projects: projectsRouter,
  workflow: workflowRouter,
  documents: documentsRouter,
  usage: usageRouter,
  exports: exportsRouter,
  memory: memoryRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
