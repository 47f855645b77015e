import { eq, ilike, isNull, type SQL, sql } from "drizzle-orm";
import { projects } from "../schema/projects.ts";
import type { TenantTransaction } from "../tenant.ts";
import { inTenantOf } from "./in-tenant.ts";
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

/** Projects of the transaction's tenant. Soft-deleted rows are invisible to every method. */
export function createProjectRepository({ db, scope }: TenantTransaction) {
  const inTenant = inTenantOf(projects.tenantId, scope);
  const live = (...conditions: SQL[]) => inTenant(isNull(projects.deletedAt), ...conditions);

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
      const [row] = await db
        .select()
        .from(projects)
        .where(live(eq(projects.id, id)))
        .limit(1);
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
      const conditions: SQL[] = [];
      if (nameContains) conditions.push(ilike(projects.name, `%${escapeLikePattern(nameContains)}%`));
      return newestFirstPage(db.select().from(projects).$dynamic(), projects.id, page, live(...conditions));
    },
  };
}

export type ProjectRepository = ReturnType<typeof createProjectRepository>;
