import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

function spawnRedis(port: number, appendOnlyDir?: string): Promise<ChildProcess> {
  // With a directory, the server keeps an append-only file there, as production Redis should,
  // so streams survive a restart.
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
 * A private redis-server for one test file (never the shared one on 6379), on a free port,
 * without persistence, so tests can stop and restart it at will.
 */
export async function startRedisServer(options: { appendOnlyDir?: string } = {}) {
  const port = await freePort();
  let child: ChildProcess | undefined = await spawnRedis(port, options.appendOnlyDir);
  // Never leave a redis-server behind if the test process ends without its afterAll.
  process.once("exit", () => child?.kill("SIGKILL"));
  return {
    url: `redis://127.0.0.1:${port}`,
    /** Unique per call, so suites and runs never share counters. */
    keyPrefix: () => `jeex-test:${randomUUID()}`,
    async stop() {
      if (child) await stopChild(child);
      child = undefined;
    },
    async restart() {
      if (child) await stopChild(child);
      child = await spawnRedis(port, options.appendOnlyDir);
    },
  };
}

export type TestRedisServer = Awaited<ReturnType<typeof startRedisServer>>;
