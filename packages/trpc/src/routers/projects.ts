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
    .query(({ ctx, input }) => listProjects(ctx.repos, input)),
  get: viewerProcedure.input(projectIdInputSchema).query(({ ctx, input }) => getProject(ctx.repos, input)),
  create: editorProcedure
    .input(createProjectInputSchema)
    .mutation(({ ctx, input }) => createProject(ctx.repos, input)),
  update: editorProcedure
    .input(updateProjectInputSchema)
    .mutation(({ ctx, input }) => updateProject(ctx.repos, input)),
  delete: adminProcedure
    .input(projectIdInputSchema)
    .mutation(({ ctx, input }) => deleteProject(ctx.repos, input)),
});
