import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mergeIntoResultsFile } from "./report.ts";

// Runs the fault drills (apps/api/test/drills: real Postgres and Redis, a local model endpoint)
// and records the numbers each prints — accepted vs completed vs lost, time to recover — under
// "drills" in bench/results/latest.json. The drills assert correctness; this only collects numbers.

const apiDir = fileURLToPath(new URL("../../apps/api", import.meta.url));
const resultsPath = fileURLToPath(new URL("../results/latest.json", import.meta.url));

function runDrills(): Promise<{ lines: string[]; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn("pnpm", ["exec", "vitest", "run", "test/drills"], {
      cwd: apiDir,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      // The vitest reporter may prefix lines with colour codes; keep what follows "drill ".
      const lines = output
        .split("\n")
        .map((line) => line.slice(line.indexOf("drill ")))
        .filter((line) => line.startsWith("drill "));
      resolve({ lines, code });
    });
  });
}

const numbersOf = (line: string) =>
  Object.fromEntries(
    [...line.matchAll(/(\d+) ([a-z][a-z ]*?)(?=[,;(]|$)/g)].map((m) => [m[2]?.trim(), Number(m[1])]),
  );

const { lines, code } = await runDrills();
const drills = Object.fromEntries(
  lines.map((line) => {
    const [name, summary = ""] = line.slice("drill ".length).split(": ");
    return [name, { summary, numbers: numbersOf(summary) }];
  }),
);
const result = { drills: { timestamp: new Date().toISOString(), passed: code === 0, ...drills } };
await mergeIntoResultsFile(resultsPath, result);
for (const line of lines) process.stdout.write(`${line}\n`);
process.stdout.write(`drills ${code === 0 ? "passed" : "FAILED"}; numbers merged into ${resultsPath}\n`);
process.exit(code === 0 ? 0 : 1);
