import { eq } from "drizzle-orm";
import { qualityReports } from "../schema/quality.ts";
import type { TenantTransaction } from "../tenant.ts";
import { inTenantOf } from "./in-tenant.ts";

export type QualityReportRow = typeof qualityReports.$inferSelect;
export type NewQualityReport = Omit<QualityReportRow, "id" | "tenantId" | "createdAt">;

/** The latest quality report of each project, of the transaction's tenant. */
export function createQualityReportRepository({ db, scope }: TenantTransaction) {
  const inTenant = inTenantOf(qualityReports.tenantId, scope);
  return {
    async latest(projectId: string): Promise<QualityReportRow | undefined> {
      const [row] = await db
        .select()
        .from(qualityReports)
        .where(inTenant(eq(qualityReports.projectId, projectId)))
        .limit(1);
      return row;
    },

    /** Stores `report` as the project's report, replacing an older one. */
    async save(report: NewQualityReport): Promise<QualityReportRow> {
      const values = { ...report, tenantId: scope.tenantId, createdAt: new Date() };
      const [row] = await db
        .insert(qualityReports)
        .values(values)
        .onConflictDoUpdate({
          target: [qualityReports.tenantId, qualityReports.projectId],
          set: {
            versionIds: values.versionIds,
            findings: values.findings,
            errors: values.errors,
            warnings: values.warnings,
            infos: values.infos,
            checksVersion: values.checksVersion,
            createdAt: values.createdAt,
          },
        })
        .returning();
      if (!row) throw new Error("quality report upsert returned no row");
      return row;
    },
  };
}

export type QualityReportRepository = ReturnType<typeof createQualityReportRepository>;
