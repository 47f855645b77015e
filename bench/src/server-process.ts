import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { DatabaseTarget } from "./database-target.ts";
import { CHILD_DATABASE_URL_ENV, parseReadyMessage, type ReadyMessage } from "./protocol.ts";
import { stopProcess } from "./stop-process.ts";

const READY_TIMEOUT_MS = 180_000;

export interface ServerProcess {
  ready: ReadyMessage;
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Node flags before the script, e.g. the telemetry preload (`--import …`). */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

/** Spawns `servers.ts` and resolves once it announces itself; its other output goes to stderr. */
export async function startServerProcess(
  target: DatabaseTarget,
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const script = fileURLToPath(new URL("./servers.ts", import.meta.url));
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    env: { ...process.env, ...options.env, [CHILD_DATABASE_URL_ENV]: target.url ?? "" },
    // stdin stays open as a lifeline: the child exits when it closes.
    stdio: ["pipe", "pipe", "inherit"],
  });
  try {
    const ready = await waitForReady(child);
    return { ready, stop: () => stopProcess(child) };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

function waitForReady(child: ChildProcess): Promise<ReadyMessage> {
  return new Promise((resolve, reject) => {
    let announced = false;
    const timer = setTimeout(
      () => reject(new Error("bench servers did not become ready in time")),
      READY_TIMEOUT_MS,
    );
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      const ready = announced ? undefined : parseReadyMessage(line);
      if (!ready) {
        // API logs (warn and above) share the child's stdout; pass them through.
        process.stderr.write(`[servers] ${line}\n`);
        return;
      }
      announced = true;
      clearTimeout(timer);
      resolve(ready);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (!announced) reject(new Error(`bench servers exited before ready (code ${code}, signal ${signal})`));
    });
  });
}
