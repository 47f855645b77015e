import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const webDist = fileURLToPath(new URL("../../../dist", import.meta.url));

/** What the embedded start writes to DATA_DIR/dev-credentials.json: the demo owner's API key. */
export interface DemoCredentials {
  url: string;
  apiKey: string;
  tenantId: string;
  userId: string;
}

export interface E2eServer {
  url: string;
  dataDir: string;
  demo: DemoCredentials;
  stop: () => Promise<void>;
}

/**
 * A real API on embedded defaults (PGlite, in-process queue, the development OpenID provider) in
 * a fresh data dir on a free port, serving the built web app at `/`. Rate limits are off: a
 * suite signs in and clicks faster than a person.
 */
export async function startE2eServer(env: Record<string, string> = {}): Promise<E2eServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "jeex-e2e-"));
  // Imported when called: a static import of the server module reached specs as an empty
  // namespace under vitest 5 (an import cycle in the API evaluated out of order).
  const [{ loadConfig }, { createServer }] = await Promise.all([
    import("@jeex/api/config"),
    import("@jeex/api/server"),
  ]);
  const server = createServer(
    loadConfig({
      NODE_ENV: "test",
      // The bundled identity provider, demo credentials and development secrets.
      JEEX_DEV_MODE: "true",
      PORT: "0",
      LOG_LEVEL: "silent",
      DATA_DIR: dataDir,
      RATE_LIMITS_ENABLED: "false",
      WEB_DIST_DIR: webDist,
      ...env,
    }),
  );
  const { url } = await server.start();
  const demo = JSON.parse(readFileSync(join(dataDir, "dev-credentials.json"), "utf8")) as DemoCredentials;
  return { url, dataDir, demo, stop: () => server.stop() };
}

/** A tRPC call with an API key, for arranging data a spec is not about. */
export async function callWithApiKey<T>(
  server: Pick<E2eServer, "url">,
  apiKey: string,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
): Promise<T> {
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  const response =
    kind === "query"
      ? await fetch(`${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
          headers,
        })
      : await fetch(`${server.url}/trpc/${path}`, { method: "POST", headers, body: JSON.stringify(input) });
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!response.ok || !body.result) throw new Error(`${path}: ${response.status} ${body.error?.message}`);
  return body.result.data;
}
