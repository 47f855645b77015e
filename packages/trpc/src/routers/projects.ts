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
    .query(({ ctx, input }) => listProjects(ctx.scope, input)),
  get: viewerProcedure
    .input(projectIdInputSchema)
    .output(projectSchema)
    .query(({ ctx, input }) => getProject(ctx.scope, input)),
  create: editorProcedure
    .input(createProjectInputSchema)
    .output(projectSchema)
    .mutation(({ ctx, input }) => createProject(ctx.scope, input)),
  update: editorProcedure
    .input(updateProjectInputSchema)
    .output(projectSchema)
    .mutation(({ ctx, input }) => updateProject(ctx.scope, input)),
  delete: adminProcedure
    .input(projectIdInputSchema)
    .output(deleteProjectOutputSchema)
    .mutation(({ ctx, input }) =>
      deleteProject(
        {
          ...ctx.scope,
          cancelUnfinishedRuns: async (projectId) => {
            const announce = await ctx.services.workflow.lifecycle.cancelUnfinishedOf(ctx.scope, projectId, {
              code: "PROJECT_DELETED",
              message: "the project was deleted",
            });
            ctx.scope.afterCommit(announce);
          },
        },
        input,
      ),
    ),
});
