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
import { adminProcedure, editorProcedure, router, viewerProcedure } from "../trpc.ts";

export const projectsRouter = router({
  list: viewerProcedure
    .input(listProjectsInputSchema)
    .output(projectPageSchema)
    .query(({ ctx, input }) => listProjects(ctx.tenant, input)),
  get: viewerProcedure
    .input(projectIdInputSchema)
    .output(projectSchema)
    .query(({ ctx, input }) => getProject(ctx.tenant, input)),
  create: editorProcedure
    .input(createProjectInputSchema)
    .output(projectSchema)
    .mutation(({ ctx, input }) => createProject(ctx.tenant, input)),
  update: editorProcedure
    .input(updateProjectInputSchema)
    .output(projectSchema)
    .mutation(({ ctx, input }) => updateProject(ctx.tenant, input)),
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
