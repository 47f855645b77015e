import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@jeex/api/config";
import { createServer } from "@jeex/api/server";

export interface DevCredentials {
  url: string;
  apiKey: string;
  tenantId: string;
  userId: string;
}

/**
 * The real API in this process on an ephemeral port, on embedded PGlite in a fresh data dir; its
 * first start seeds a demo owner and writes dev-credentials.json, which the tests log in with.
 */
export async function startApi(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "jeex-cli-api-"));
  const server = createServer(
    loadConfig({
      NODE_ENV: "test",
      JEEX_DEV_MODE: "true",
      PORT: "0",
      LOG_LEVEL: "silent",
      DATA_DIR: dataDir,
      RATE_LIMITS_ENABLED: "false",
      ...env,
    }),
  );
  const { url } = await server.start();
  const credentials = JSON.parse(
    readFileSync(join(dataDir, "dev-credentials.json"), "utf8"),
  ) as DevCredentials;
  return {
    url,
    credentials,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type StartedApi = Awaited<ReturnType<typeof startApi>>;
