// workflow.status, documents.get and projects.create through the full stack, each against a bare
// Fastify route running the same SQL without tenancy; the same run, so the ratios compare.
import { type LoadOptions, type LoadSummary, measure, round } from "./load.ts";
import { sampleMachine } from "./machine.ts";
import type { PathPair } from "./protocol.ts";

export interface PathPairResult {
  method: string;
  ratio: number;
  trpc_rps: number;
  bare_rps: number;
  trpc_p99_ms: number;
  bare_p99_ms: number;
  cpu_idle_pct_before: number;
  load_avg_1m_before: number;
  warmup_s: number;
  duration_s: number;
  trpc: LoadSummary;
  bare: LoadSummary;
  valid: boolean;
}

/** Both must answer 2xx before loading them, or the comparison is between error pages. */
async function checkAnswers(pair: PathPair, headers: Record<string, string>) {
  for (const [url, extra] of [
    [pair.trpcUrl, headers],
    [pair.bareUrl, {}],
  ] as const) {
    const response = await fetch(url, {
      method: pair.method,
      headers: { ...extra, ...(pair.body ? { "content-type": "application/json" } : {}) },
      ...(pair.body ? { body: pair.body } : {}),
    });
    if (!response.ok) {
      throw new Error(
        `${pair.name}: ${pair.method} ${url} → ${response.status}: ${(await response.text()).slice(0, 300)}`,
      );
    }
  }
}

export async function measurePathPairs(
  pairs: PathPair[],
  headers: Record<string, string>,
  options: LoadOptions,
): Promise<Record<string, PathPairResult>> {
  const results: Record<string, PathPairResult> = {};
  for (const pair of pairs) {
    await checkAnswers(pair, headers);
    const machine = await sampleMachine();
    console.log(`driving ${pair.name} (trpc, then bare; ${machine.cpu_idle_pct_before}% idle before) ...`);
    const shape = { method: pair.method, body: pair.body };
    const trpc = await measure(pair.trpcUrl, headers, options, shape);
    const bare = await measure(pair.bareUrl, {}, options, shape);
    results[pair.name] = {
      method: pair.method,
      ratio: bare.rps > 0 ? round(trpc.rps / bare.rps, 3) : 0,
      trpc_rps: trpc.rps,
      bare_rps: bare.rps,
      trpc_p99_ms: trpc.latency_p99_ms,
      bare_p99_ms: bare.latency_p99_ms,
      ...machine,
      warmup_s: options.warmupS,
      duration_s: options.durationS,
      trpc,
      bare,
      valid: [trpc, bare].every((s) => s.non2xx === 0 && s.errors === 0),
    };
  }
  return results;
}

export function printPathPairs(results: Record<string, PathPairResult>): void {
  console.log("");
  console.log("path               trpc req/s  bare req/s  ratio  trpc p99  bare p99  idle%");
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(17)}  ${r.trpc_rps.toFixed(1).padStart(10)}  ${r.bare_rps.toFixed(1).padStart(10)}  ` +
        `${r.ratio.toFixed(3).padStart(5)}  ${String(r.trpc_p99_ms).padStart(8)}  ${String(r.bare_p99_ms).padStart(8)}  ` +
        `${String(r.cpu_idle_pct_before).padStart(5)}${r.valid ? "" : "  !!! non-2xx or errors: NOT valid"}`,
    );
  }
}
