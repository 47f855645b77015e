import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadSummary } from "./load.ts";

/** bench/results/latest.json: every benchmark merges its own section into it. */
export const RESULTS_PATH = fileURLToPath(new URL("../results/latest.json", import.meta.url));

export interface ProjectsListResult {
  trpc_rps: number;
  bare_rps: number;
  ratio: number;
  trpc_p99_ms: number;
  bare_p99_ms: number;
  database: string;
  connections: number;
  duration_s: number;
  node: string;
  timestamp: string;
  projects_list: Record<string, unknown> & { valid: boolean; warnings: string[] };
}

export function printTable(result: ProjectsListResult, trpc: LoadSummary, bare: LoadSummary): void {
  const rows = [
    ["target", "req/s", "p50 ms", "p99 ms", "2xx", "non-2xx", "errors"],
    tableRow("trpc", trpc),
    tableRow("bare", bare),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  console.log("");
  for (const row of rows) console.log(row.map((cell, i) => cell.padStart(widths[i] ?? 0)).join("  "));
  console.log("");
  console.log(
    `ratio trpc/bare: ${result.ratio.toFixed(3)}   (target >= 0.5, p99 < 50 ms; measured, not asserted)`,
  );
  for (const warning of result.projects_list.warnings) console.log(`!!! ${warning}`);
}

function tableRow(name: string, s: LoadSummary): string[] {
  const counts = [s.latency_p50_ms, s.latency_p99_ms, s.ok_2xx, s.non2xx, s.errors].map(String);
  return [name, s.rps.toFixed(1), ...counts];
}

/** Keeps every key other benchmarks wrote; only this benchmark's keys are replaced. */
export async function mergeIntoResultsFile(path: string, result: object): Promise<void> {
  let existing: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await readFile(path, "utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      existing = parsed as Record<string, unknown>;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new Error(`refusing to overwrite unreadable ${path}: ${(error as Error).message}`);
    }
  }
  await mkdir(dirname(path), { recursive: true });
  // Write then rename, so an interrupted run never leaves a half-written file.
  const temporary = path.replace(/\.json$/, ".tmp.json");
  await writeFile(temporary, `${JSON.stringify({ ...existing, ...result }, null, 2)}\n`);
  await rename(temporary, path);
}
