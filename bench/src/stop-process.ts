import type { ChildProcess } from "node:child_process";
import { once } from "node:events";

const STOP_TIMEOUT_MS = 15_000;

/** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
