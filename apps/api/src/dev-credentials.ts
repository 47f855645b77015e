import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ApiKeySecrets, provisionApiKey } from "@jeex/core/api-keys";
import type { Database } from "@jeex/db/client";

export interface DevCredentials {
  url: string;
  apiKey: string;
  tenantId: string;
  userId: string;
}

/**
 * First start of the embedded database: a demo tenant with an owner key, written to
 * $DATA_DIR/dev-credentials.json (0600) so a developer can call the API at once.
 * Returns the file's path, or undefined when the database already had tenants.
 */
export async function seedDevCredentials(
  db: Database,
  secrets: ApiKeySecrets,
  dataDir: string,
  url: string,
): Promise<string | undefined> {
  if (await db.system.hasAnyTenant()) return undefined;
  const { apiKey, tenantId, userId } = await provisionApiKey(db.system, secrets, {
    tenantSlug: "demo",
    tenantName: "Demo",
    email: "demo@jeex.local",
    role: "owner",
    keyName: "dev-credentials",
  });
  const path = join(dataDir, "dev-credentials.json");
  const credentials: DevCredentials = { url, apiKey, tenantId, userId };
  await writeFile(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return path;
}
