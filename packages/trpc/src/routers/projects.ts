import {
  createProjectInputSchema,
  listProjectsInputSchema,
  projectIdInputSchema,
  updateProjectInputSchema,
} from "@jeex/contracts/projects";
import { createProject, deleteProject, getProject, listProjects, updateProject } from "@jeex/core/projects";
import { adminProcedure, editorProcedure, router, viewerProcedure } from "../trpc.ts";

export const projectsRouter = router({
  list: viewerProcedure
    .input(listProjectsInputSchema)
    .query(({ ctx, input }) => listProjects(ctx.scope, input)),
  get: viewerProcedure.input(projectIdInputSchema).query(({ ctx, input }) => getProject(ctx.scope, input)),
  create: editorProcedure
    .input(createProjectInputSchema)
    .mutation(({ ctx, input }) => createProject(ctx.scope, input)),
  update: editorProcedure
    .input(updateProjectInputSchema)
    .mutation(({ ctx, input }) => updateProject(ctx.scope, input)),
  delete: adminProcedure.input(projectIdInputSchema).mutation(({ ctx, input }) =>
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
