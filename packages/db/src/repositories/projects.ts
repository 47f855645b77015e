import { eq, ilike, isNull, type Placeholder, type SQL, sql } from "drizzle-orm";
import { reusableStatement } from "../reusable-statement.ts";
import { projects } from "../schema/projects.ts";
import type { TenantTransaction } from "../tenant.ts";
import { inTenantOf, tenantParameter } from "./in-tenant.ts";
import { type NewestFirstPage, newestFirstPage } from "./newest-first.ts";

export type ProjectRow = typeof projects.$inferSelect;

export interface ProjectFields {
  name: string;
  description: string;
  language: string;
}

export interface ListLiveProjects extends NewestFirstPage {
  nameContains?: string | undefined;
}

const escapeLikePattern = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const liveOf = (scope: { tenantId: string | Placeholder }) => {
  const inTenant = inTenantOf(projects.tenantId, scope);
  return (...conditions: SQL[]) => inTenant(isNull(projects.deletedAt), ...conditions);
};
const liveInTenant = liveOf(tenantParameter);

// Built once: every project-scoped procedure starts with this look-up.
const findLiveStatement = reusableStatement<{ tenantId: string; id: string }, ProjectRow[]>((db) =>
  db
    .select()
    .from(projects)
    .where(liveInTenant(eq(projects.id, sql.placeholder("id"))))
    .limit(1)
    .prepare("project_live_by_id"),
);
// The listing without a name filter, first and later pages.
const pageStatement = (later: boolean) =>
  reusableStatement<{ tenantId: string; beforeId?: string | undefined; limit: number }, ProjectRow[]>((db) =>
    newestFirstPage(
      db.select().from(projects).$dynamic(),
      projects.id,
      { beforeId: later ? sql.placeholder("beforeId") : undefined, limit: sql.placeholder("limit") },
      liveInTenant(),
    ).prepare(later ? "projects_later_page" : "projects_first_page"),
  );
const firstPageStatement = pageStatement(false);
const laterPageStatement = pageStatement(true);

/** Projects of the transaction's tenant. Soft-deleted rows are invisible to every method. */
export function createProjectRepository({ db, scope }: TenantTransaction) {
  const live = liveOf(scope);

  return {
    async insert(fields: ProjectFields): Promise<ProjectRow> {
      const [row] = await db
        .insert(projects)
        .values({ ...fields, tenantId: scope.tenantId, createdBy: scope.userId })
        .returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    async findLive(id: string): Promise<ProjectRow | undefined> {
      const [row] = await findLiveStatement(db, { tenantId: scope.tenantId, id });
      return row;
    },

    async update(id: string, fields: Partial<ProjectFields>): Promise<ProjectRow | undefined> {
      const [row] = await db
        .update(projects)
        .set({ ...fields, updatedAt: sql`now()` })
        .where(live(eq(projects.id, id)))
        .returning();
      return row;
    },

    async softDelete(id: string): Promise<boolean> {
      const rows = await db
        .update(projects)
        .set({ deletedAt: sql`now()` })
        .where(live(eq(projects.id, id)))
        .returning({ id: projects.id });
      return rows.length > 0;
    },

    /** Newest first; fetches one extra row so the caller knows whether a next page exists. */
    listLive({ nameContains, ...page }: ListLiveProjects): Promise<ProjectRow[]> {
      if (!nameContains) {
        const statement = page.beforeId ? laterPageStatement : firstPageStatement;
        return statement(db, { tenantId: scope.tenantId, ...page });
      }
      const named = ilike(projects.name, `%${escapeLikePattern(nameContains)}%`);
      return newestFirstPage(db.select().from(projects).$dynamic(), projects.id, page, live(named));
    },
  };
}

export type ProjectRepository = ReturnType<typeof createProjectRepository>;
