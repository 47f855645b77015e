import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measureInitialJs } from "../../apps/web/scripts/initial-js-size.ts";
import { mergeIntoResultsFile } from "./report.ts";

// The web app's numbers (issue 9), merged under "web" in bench/results/latest.json:
// - how long the first `pnpm start` of a fresh clone takes until the app answers (install timed apart);
// - the initial JavaScript of the first page, KB gzip, from that clone's build;
// - navigation → fully rendered workflow page of a project with a full pack, median of 10 loads in
//   headless Chromium (the e2e suite's measuring test, which writes its own artifact).

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const resultsPath = fileURLToPath(new URL("../results/latest.json", import.meta.url));
const webDir = join(repoRoot, "apps/web");

const seconds = (startedAt: number) => Math.round((performance.now() - startedAt) / 100) / 10;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once("error", reject);
  });
}

async function answersHtml(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { headers: { accept: "text/html" } });
    return response.ok && (response.headers.get("content-type") ?? "").startsWith("text/html");
  } catch {
    return false;
  }
}

/** A fresh clone of HEAD, installed, then `pnpm start` until `/` answers the app. */
async function firstStartOfFreshClone() {
  const clone = mkdtempSync(join(tmpdir(), "jeex-web-bench-"));
  try {
    execFileSync("git", ["clone", "--quiet", repoRoot, clone]);
    const installStarted = performance.now();
    execFileSync("pnpm", ["install", "--frozen-lockfile", "--prefer-offline", "--reporter=silent"], {
      cwd: clone,
    });
    const installS = seconds(installStarted);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const startStarted = performance.now();
    const server = spawn("pnpm", ["start"], {
      cwd: clone,
      env: { ...process.env, PORT: String(port), DATA_DIR: join(clone, ".data"), LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    });
    let stderr = "";
    server.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      const deadline = Date.now() + 10 * 60_000;
      while (!(await answersHtml(url))) {
        if (server.exitCode !== null || Date.now() > deadline) {
          throw new Error(`pnpm start did not answer ${url}:\n${stderr.slice(-2000)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const untilAnswersS = seconds(startStarted);
      const initialJs = measureInitialJs(join(clone, "apps/web/dist"));
      return {
        install_s: installS,
        first_start_until_app_answers_s: untilAnswersS,
        initial_js_gzip_kb: initialJs.gzipKb,
      };
    } finally {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

/**
 * The e2e workflow spec, whose last test loads the page of the pack its earlier tests built 10 times
 * (the measuring test needs them, so the whole file runs).
 */
function workflowPageLoads() {
  execFileSync(
    "pnpm",
    ["exec", "vitest", "run", "--config", "vitest.e2e.config.ts", "test/e2e/workflow.e2e.test.ts"],
    { cwd: webDir, stdio: ["ignore", "ignore", "inherit"] },
  );
  const artifact = JSON.parse(
    readFileSync(join(webDir, "test/e2e/artifacts/workflow-page-load.json"), "utf8"),
  ) as { renderedMs: number[]; medianRenderedMs: number; medianMs: number };
  return {
    workflow_page_rendered_median_ms: artifact.medianRenderedMs,
    workflow_page_stream_live_median_ms: artifact.medianMs,
    workflow_page_loads: artifact.renderedMs.length,
  };
}

const fresh = await firstStartOfFreshClone();
const loads = workflowPageLoads();
const web = { timestamp: new Date().toISOString(), ...fresh, initial_js_target_kb: 200, ...loads };
await mergeIntoResultsFile(resultsPath, { web });
process.stdout.write(`${JSON.stringify(web, null, 2)}\nmerged into ${resultsPath}\n`);
