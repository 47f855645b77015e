// Builds the web app when dist/ is missing or older than its sources, and says how long it took.
// Run by the root `pnpm start` before the server, and by the e2e suite's global setup.
//
// Usage: node apps/web/scripts/build-if-stale.ts

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const webDir = fileURLToPath(new URL("..", import.meta.url));
const builtIndex = join(webDir, "dist", "index.html");

/** The inputs of a build: sources, files copied as they are (public/: the icon), the page, the build configuration and the API's types. */
const sourcePaths = ["src", "public", "index.html", "vite.config.ts", "package.json", "tsconfig.json"];

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

const lockDir = join(webDir, ".build-lock");
const LOCK_STALE_MS = 10 * 60_000;

/** One build at a time per checkout: two test runs building at once would empty each other's dist/. */
function withBuildLock(work: () => void) {
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      const age = existsSync(lockDir) ? Date.now() - statSync(lockDir).mtimeMs : 0;
      if (age > LOCK_STALE_MS || Date.now() > deadline) rmSync(lockDir, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

export function buildIfStale(log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
  if (!staleReason()) return;
  withBuildLock(() => build(log));
}

function build(log: (line: string) => void) {
  // Checked again under the lock: another run may have just built it.
  const reason = staleReason();
  if (!reason) return;
  log(`web app: building (${reason})…`);
  const started = performance.now();
  // Vite's own binary from this package: no pnpm needed at run time.
  execFileSync(process.execPath, [join(webDir, "node_modules", "vite", "bin", "vite.js"), "build"], {
    cwd: webDir,
    stdio: ["ignore", "ignore", "inherit"],
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: "production" },
  });
  log(`web app: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfStale();
