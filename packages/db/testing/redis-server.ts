import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { freePort } from "./free-port.ts";

export interface RedisServerOptions {
  /** With a directory, the server keeps an append-only file there (as production Redis should), so streams survive a restart. */
  appendOnlyDir?: string;
}

function spawnRedis(port: number, appendOnlyDir?: string): Promise<ChildProcess> {
  const persistence = appendOnlyDir
    ? ["--appendonly", "yes", "--appendfsync", "always", "--dir", appendOnlyDir]
    : ["--appendonly", "no"];
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", ...persistence, "--daemonize", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/**
 * A private redis-server for one test file (never the shared one on 6379), started on a free port
 * that it keeps across stop and start, so a test can take Redis away and bring it back.
 */
export async function startRedisServer(options: RedisServerOptions = {}) {
  const port = await freePort();
  let child: ChildProcess | undefined = await spawnRedis(port, options.appendOnlyDir);
  // Never leave a redis-server behind if the test process ends without its afterAll.
  process.once("exit", () => child?.kill("SIGKILL"));
  const stop = async () => {
    if (child) await stopChild(child);
    child = undefined;
  };
  const start = async () => {
    child ??= await spawnRedis(port, options.appendOnlyDir);
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    /** Unique per call, so suites and runs never share counters. */
    keyPrefix: () => `jeex-test:${randomUUID()}`,
    stop,
    /** Starts it again on the same port after `stop` (a no-op while it runs). */
    start,
    async restart() {
      await stop();
      await start();
    },
  };
}

export type TestRedisServer = Awaited<ReturnType<typeof startRedisServer>>;
