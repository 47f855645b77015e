import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createJeexClient } from "@jeex/client";
import { afterEach, describe, expect, it } from "vitest";
import { createServer } from "../src/server.ts";
import { readDevCredentials, tempDataDir, testConfig } from "./support/server.ts";

const mainEntry = fileURLToPath(new URL("../src/main.ts", import.meta.url));

function startProcess(dataDir: string) {
  const child = spawn(process.execPath, [mainEntry], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "info",
      NODE_ENV: "test",
      JEEX_DEV_MODE: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    let log = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("credentials written")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`exited early with ${code}: ${log}`)));
  });
  return { child, exited, ready };
}

describe("the server process", () => {
  let running: ChildProcess | undefined;
  afterEach(() => {
    running?.kill("SIGKILL");
  });

  it("on SIGTERM finishes the requests it accepted, releases the database and exits 0", async () => {
    const dataDir = tempDataDir();
    const { child, exited, ready } = startProcess(dataDir);
    running = child;
    await ready;
    const { url, apiKey } = readDevCredentials(dataDir);

    const inFlight = Array.from({ length: 20 }, (_, i) =>
      fetch(`${url}/trpc/projects.create`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ name: `in flight ${i}` }),
      }).then((response) => response.status),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill("SIGTERM");
    const statuses = await Promise.allSettled(inFlight);

    expect(await exited).toBe(0);
    // Each request either completed or was refused up front (503 while closing, or no connection).
    let completed = 0;
    for (const outcome of statuses) {
      if (outcome.status === "fulfilled") {
        expect([200, 503]).toContain(outcome.value);
        if (outcome.value === 200) completed++;
      } else {
        expect(String((outcome.reason as Error).cause ?? outcome.reason)).toMatch(
          /ECONNREFUSED|ECONNRESET|other side closed/,
        );
      }
    }
    expect(existsSync(join(dataDir, "pg.lock"))).toBe(false);

    // Every completed request's write is durable; nothing refused left a write behind.
    const server = createServer(testConfig({ DATA_DIR: dataDir }));
    const { url: again } = await server.start();
    try {
      const list = await createJeexClient({ url: again, apiKey }).projects.list.query({ limit: 100 });
      expect(list.items.length).toBe(completed);
    } finally {
      await server.stop();
    }
    // A child process that migrates its own PGlite, then a second server on the same data: slow under load.
  }, 120_000);
});
