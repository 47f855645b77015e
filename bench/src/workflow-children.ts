// Starting and stopping the processes under test: the API child and dedicated step workers.
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { stopProcess } from "./stop-process.ts";
import { type Child, forkChild } from "./workflow-ipc.ts";
import {
  CHILD_SETTINGS_ENV,
  type ServerNotice,
  type ServerReady,
  type ServerRequest,
  type ServerSettings,
} from "./workflow-protocol.ts";

const READY_TIMEOUT_MS = 180_000;
const WORKER_ENTRY = fileURLToPath(new URL("../../apps/api/src/worker.ts", import.meta.url));

export interface ApiProcess {
  ready: ServerReady;
  child: Child<ServerRequest, ServerNotice>;
  stop(): Promise<void>;
}

export async function startApi(
  settings: ServerSettings,
  label: string,
  nodeFlags: string[] = [],
): Promise<ApiProcess> {
  const child = forkChild<ServerRequest, ServerNotice>(
    new URL("./workflow-server.ts", import.meta.url),
    { ...process.env, [CHILD_SETTINGS_ENV]: JSON.stringify(settings) },
    label,
    nodeFlags,
  );
  try {
    const ready = await child.waitFor(
      (notice) => {
        if (notice.type === "failed") throw new Error(`${label} failed to start: ${notice.message}`);
        return notice;
      },
      READY_TIMEOUT_MS,
      "the API to start",
    );
    return { ready, child, stop: () => child.stop() };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/** The env a dedicated worker reads through the API's own loadConfig. */
export function workerEnv(settings: ServerSettings, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "development",
    JEEX_DEV_MODE: "true",
    DATABASE_URL: settings.databaseUrl ?? "",
    DATABASE_POOL_SIZE: String(settings.poolSize),
    REDIS_URL: settings.redisUrl ?? "",
    REDIS_KEY_PREFIX: settings.keyPrefix,
    RATE_LIMITS_ENABLED: "false",
    WORKER_CONCURRENCY: String(settings.workerConcurrency),
    API_KEY_HASH_SECRET: settings.apiKeyHashSecret,
    EXPORT_SIGNING_SECRET: settings.apiKeyHashSecret,
    LLM_PROVIDER: "template",
    DATA_DIR: dataDir,
    // info only to see "worker started"; other info lines are dropped below.
    LOG_LEVEL: "info",
  };
}

/** `node apps/api/src/worker.ts` × count; resolves once each has logged "worker started". */
export async function startWorkers(
  count: number,
  env: NodeJS.ProcessEnv,
): Promise<{ stop(): Promise<void> }> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => stopProcess(child)));
  };
  try {
    await Promise.all(
      Array.from({ length: count }, (_, index) => {
        const child = spawn(process.execPath, [WORKER_ENTRY], { env, stdio: ["ignore", "pipe", "pipe"] });
        children.push(child);
        return workerReady(child, `worker ${index + 1}`);
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

function workerReady(child: ChildProcess, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start in time`)), READY_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      const entry = parseLogLine(line);
      if (entry?.msg === "worker started") {
        clearTimeout(timer);
        resolve();
      } else if (!entry || entry.level >= 40) {
        process.stderr.write(`[${label}] ${line}\n`);
      }
    });
    if (child.stderr) {
      createInterface({ input: child.stderr }).on("line", (line) =>
        process.stderr.write(`[${label}] ${line}\n`),
      );
    }
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (code ${code}) before it started`));
    });
  });
}

function parseLogLine(line: string): { msg?: string; level: number } | undefined {
  try {
    const value = JSON.parse(line) as { msg?: string; level?: number };
    return typeof value.level === "number" ? { msg: value.msg, level: value.level } : undefined;
  } catch {
    return undefined;
  }
}
