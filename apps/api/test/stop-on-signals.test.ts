import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { until } from "./support/until.ts";

const fixture = fileURLToPath(new URL("./support/stop-on-signals-process.ts", import.meta.url));

/** The fixture process, its log messages in order, and its exit code once it ends. */
function startProcess(stopMs: number, deadlineMs: number) {
  const child = spawn(process.execPath, [fixture, String(stopMs), String(deadlineMs)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const messages: string[] = [];
  let pending = "";
  child.stdout.on("data", (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) messages.push((JSON.parse(line) as { msg: string }).msg);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const logged = (message: string) =>
    until(async () => (messages.includes(message) ? true : undefined), `"${message}" logged`, 10_000);
  return { child, messages, exited, logged };
}

describe("the API's and the worker's ending on a signal", () => {
  it.each([
    {
      first: "SIGTERM",
      second: "SIGINT",
      outcome: "stops once, flushes telemetry after the stop and exits 0",
      stopMs: 300,
      deadlineMs: 10_000,
      code: 0,
      last: ["stop 1 finished", "telemetry flushed"],
    },
    {
      first: "SIGINT",
      second: "SIGTERM",
      outcome: "exits 1, saying so, when the stop is still waiting at the deadline",
      stopMs: 60_000,
      deadlineMs: 1_000,
      code: 1,
      last: ["shutdown deadline passed; exiting"],
    },
  ] as const)("after $first (and $second during the stop) the process $outcome", async (ending) => {
    const running = startProcess(ending.stopMs, ending.deadlineMs);
    await running.logged("ready");
    running.child.kill(ending.first);
    await running.logged("stop 1 started");
    running.child.kill(ending.second);

    expect(await running.exited).toBe(ending.code);
    expect(running.messages).toEqual(["ready", "stopping", "stop 1 started", ...ending.last]);
  });
});
