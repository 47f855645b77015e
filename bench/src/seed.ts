import { type ApiKeySecrets, provisionApiKey } from "@jeex/core/api-keys";
import type { Database } from "@jeex/db/client";

export interface SeedPlan {
  projects: number;
  otherTenantProjects: number;
}

export interface SeededTenant {
  apiKey: string;
  tenantId: string;
  userId: string;
}

const CREATE_CONCURRENCY = 8;

/**
 * The measured tenant plus a second one whose rows RLS (and the tenant filter) must skip.
 * Projects go through the real `projects.create` endpoint so they look like production rows.
 */
export async function seed(
  db: Database,
  secrets: ApiKeySecrets,
  apiUrl: string,
  plan: SeedPlan,
): Promise<SeededTenant> {
  // Unique slugs: a reused BENCH_DATABASE_URL must not mix this run's rows with an earlier run's.
  const run = Date.now().toString(36);
  const measured = await provisionApiKey(db.system, secrets, {
    tenantSlug: `bench-${run}`,
    email: `bench-${run}@jeex.local`,
    role: "owner",
    keyName: "bench",
  });
  const other = await provisionApiKey(db.system, secrets, {
    tenantSlug: `bench-other-${run}`,
    email: `bench-other-${run}@jeex.local`,
    role: "owner",
    keyName: "bench",
  });
  await createProjects(apiUrl, measured.apiKey, plan.projects, "bench project");
  await createProjects(apiUrl, other.apiKey, plan.otherTenantProjects, "other tenant project");
  return { apiKey: measured.apiKey, tenantId: measured.tenantId, userId: measured.userId };
}

async function createProjects(apiUrl: string, apiKey: string, count: number, label: string) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const response = await fetch(`${apiUrl}/trpc/projects.create`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ name: `${label} ${String(n).padStart(4, "0")}` }),
      });
      if (!response.ok) {
        throw new Error(`seeding failed: projects.create → ${response.status} ${await response.text()}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
}
