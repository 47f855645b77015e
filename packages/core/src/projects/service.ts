import type { Page } from "@jeex/contracts/common";
import type {
  CreateProjectInput,
  ListProjectsInput,
  Project,
  ProjectIdInput,
  UpdateProjectInput,
} from "@jeex/contracts/projects";
import type { ProjectRepository, ProjectRow } from "@jeex/db/repositories";
import { NotFoundError } from "../errors.ts";
import { type IdempotencyContext, withIdempotency } from "../idempotency/with-idempotency.ts";
import { idCursor, pageBeforeId } from "../pagination.ts";

const projectCursor = idCursor("p1");

/** What project handlers need: the tenant-scoped repository, nothing transport-specific. */
export interface ProjectsContext {
  projects: ProjectRepository;
}

export function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    description: row.description,
    language: row.language,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function createProject(
  ctx: ProjectsContext & IdempotencyContext,
  input: CreateProjectInput,
): Promise<Project> {
  const { idempotencyKey: _key, ...fields } = input;
  return withIdempotency(ctx, "projects.create", input, async () =>
    toProject(await ctx.projects.insert(fields)),
  );
}

/** The live (not deleted) project, or NOT_FOUND: what every service taking a projectId checks first. */
export async function assertProjectExists(projects: ProjectRepository, projectId: string) {
  const project = await projects.findLive(projectId);
  if (!project) throw new NotFoundError("project");
  return project;
}

export async function getProject(ctx: ProjectsContext, { projectId }: ProjectIdInput): Promise<Project> {
  return toProject(await assertProjectExists(ctx.projects, projectId));
}

export async function updateProject(ctx: ProjectsContext, input: UpdateProjectInput): Promise<Project> {
  const { projectId, ...fields } = input;
  const row = await ctx.projects.update(projectId, fields);
  if (!row) throw new NotFoundError("project");
  return toProject(row);
}

/** Deleting also stops the project's runs: nobody can read what they would write. */
export interface DeleteProjectContext extends ProjectsContext {
  /** Ends the project's unfinished runs as cancelled, in the deleting transaction. */
  cancelUnfinishedRuns(projectId: string): Promise<void>;
}

export async function deleteProject(ctx: DeleteProjectContext, { projectId }: ProjectIdInput) {
  if (!(await ctx.projects.softDelete(projectId))) throw new NotFoundError("project");
  await ctx.cancelUnfinishedRuns(projectId);
  return { projectId, deleted: true as const };
}

export async function listProjects(ctx: ProjectsContext, input: ListProjectsInput): Promise<Page<Project>> {
  return pageBeforeId(
    input,
    projectCursor,
    (keyset) => ctx.projects.listLive({ ...keyset, nameContains: input.search || undefined }),
    toProject,
  );
}
