// `pnpm dev`: the API on 5210 (restarting on change) and Vite on 5200 (hot reload, proxying the
// API's paths to 5210), as one command. Either one exiting stops the other.
//
// Usage (from the repo root): node apps/web/scripts/dev.ts

import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const web = join(repo, "apps", "web");

const children: ChildProcess[] = [
  spawn(
    process.execPath,
    ["--watch", "--import", "./apps/api/src/telemetry/register-api.ts", "apps/api/src/main.ts"],
    { cwd: repo, stdio: "inherit" },
  ),
  spawn(process.execPath, [join(web, "node_modules", "vite", "bin", "vite.js")], {
    cwd: web,
    stdio: "inherit",
  }),
];
process.stdout.write("dev: open http://127.0.0.1:5200 (Vite, hot reload); the API listens on 5210\n");

let stopping = false;
function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exitCode = code;
}
for (const child of children) child.on("exit", (code) => stopAll(code ?? 1));
process.once("SIGINT", () => stopAll(0));
process.once("SIGTERM", () => stopAll(0));
