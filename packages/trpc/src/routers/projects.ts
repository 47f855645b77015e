import {
  createProjectInputSchema,
  deleteProjectOutputSchema,
  listProjectsInputSchema,
  projectIdInputSchema,
  projectPageSchema,
  projectSchema,
  updateProjectInputSchema,
} from "@jeex/contracts/projects";
import { createProject, deleteProject, getProject, listProjects, updateProject } from "@jeex/core/projects";
import { tenantMutation, tenantQuery } from "../tenant-calls.ts";
import { adminProcedure, editorProcedure, router, viewerProcedure } from "../trpc.ts";

export const projectsRouter = router({
  list: tenantQuery(viewerProcedure, listProjectsInputSchema, projectPageSchema, listProjects),
  get: tenantQuery(viewerProcedure, projectIdInputSchema, projectSchema, getProject),
  create: tenantMutation(editorProcedure, createProjectInputSchema, projectSchema, createProject),
  update: tenantMutation(editorProcedure, updateProjectInputSchema, projectSchema, updateProject),
  delete: adminProcedure
    .input(projectIdInputSchema)
    .output(deleteProjectOutputSchema)
    .mutation(({ ctx, input }) =>
      deleteProject(
        {
          ...ctx.tenant,
          cancelUnfinishedRuns: async (projectId) => {
            const announce = await ctx.services.workflow.lifecycle.cancelUnfinishedOf(ctx.tenant, projectId, {
              code: "PROJECT_DELETED",
              message: "the project was deleted",
            });
            ctx.tenant.afterCommit(announce);
          },
        },
        input,
      ),
    ),
});
