// Builds the web app when dist/ is missing or older than its sources, and says how long it took.
// Run by the root `pnpm start` before the server, and by the e2e suite's global setup.
//
// Usage: node apps/web/scripts/build-if-stale.ts

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const webDir = fileURLToPath(new URL("..", import.meta.url));
const builtIndex = join(webDir, "dist", "index.html");

/** The inputs of a build: sources, the page, the build configuration and the API's types. */
const sourcePaths = ["src", "index.html", "vite.config.ts", "package.json", "tsconfig.json"];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why the build must run, or undefined when dist/ is current. */
export function staleReason(): string | undefined {
  if (!existsSync(builtIndex)) return "apps/web/dist is missing";
  const builtAt = statSync(builtIndex).mtimeMs;
  const changed = sourcePaths.find((path) => newestMtime(join(webDir, path)) > builtAt);
  return changed ? `apps/web/${changed} changed since the last build` : undefined;
}

export function buildIfStale(log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
  const reason = staleReason();
  if (!reason) return;
  log(`web app: building (${reason})…`);
  const started = performance.now();
  // Vite's own binary from this package: no pnpm needed at run time.
  execFileSync(process.execPath, [join(webDir, "node_modules", "vite", "bin", "vite.js"), "build"], {
    cwd: webDir,
    stdio: ["ignore", "ignore", "inherit"],
  });
  log(`web app: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfStale();
