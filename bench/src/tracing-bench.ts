// `pnpm --filter @jeex/bench bench:tracing`: the cost of tracing on projects.list. The same full-stack
// server (API key, tenant transaction, RLS, tRPC) runs alternately without and with the OpenTelemetry
// SDK — every request sampled, spans and metrics exported as OTLP/protobuf to a local endpoint that
// discards them — on one database. Writes "tracing_overhead" into results/latest.json.
import { fileURLToPath } from "node:url";
import { resolveDatabaseTarget } from "./database-target.ts";
import { type LoadOptions, type LoadSummary, measure, round } from "./load.ts";
import { sampleMachine } from "./machine.ts";
import { startOtlpSink } from "./otlp-sink.ts";
import { mergeIntoResultsFile, RESULTS_PATH } from "./report.ts";
import { startServerProcess } from "./server-process.ts";

// The API's own preload, as `pnpm start` uses it; without an endpoint it starts nothing.
const PRELOAD = fileURLToPath(new URL("../../apps/api/src/telemetry/register-api.ts", import.meta.url));

type Mode = "off" | "on";

const options: LoadOptions = {
  connections: 64,
  durationS: numberFromEnv(process.env.BENCH_DURATION_S, 10, 1),
  warmupS: numberFromEnv(process.env.BENCH_WARMUP_S, 3, 0),
};
// Alternating off/on rounds, so drift on a shared machine hits both sides alike.
const rounds = numberFromEnv(process.env.BENCH_TRACING_ROUNDS, 2, 1);

const machine = await sampleMachine();
const target = await resolveDatabaseTarget(process.env);
const sink = await startOtlpSink();
console.log(`database: ${target.note}`);
console.log(`machine: ${machine.cpus} CPUs, ${machine.cpu_idle_pct_before}% idle before start`);

const runs: Record<Mode, LoadSummary[]> = { off: [], on: [] };
try {
  for (let pass = 1; pass <= rounds; pass++) {
    for (const mode of ["off", "on"] as const) {
      const summary = await measureMode(mode);
      runs[mode].push(summary);
      console.log(
        `round ${pass}, tracing ${mode}: ${summary.rps} req/s, p99 ${summary.latency_p99_ms} ms` +
          (summary.non2xx + summary.errors > 0
            ? ` — ${summary.non2xx} non-2xx, ${summary.errors} errors`
            : ""),
      );
    }
  }
} finally {
  await sink.close();
  await target.cleanup();
}

const off = average(runs.off);
const on = average(runs.on);
const valid = [...runs.off, ...runs.on].every((run) => run.non2xx === 0 && run.errors === 0);
const result = {
  tracing_overhead: {
    endpoint: "GET /trpc/projects.list",
    rps_without_sdk: off.rps,
    rps_with_sdk: on.rps,
    /** with / without: 1.0 means tracing is free. */
    rps_ratio: off.rps > 0 ? round(on.rps / off.rps, 3) : 0,
    p99_ms_without_sdk: off.p99,
    p99_ms_with_sdk: on.p99,
    sampling: "every request (parentbased_always_on)",
    exporter: "OTLP/HTTP protobuf to a local endpoint that discards; batch span processor defaults",
    otlp_requests_received: sink.received.requests,
    otlp_bytes_received: sink.received.bytes,
    rounds,
    runs,
    database: target.kind,
    connections: options.connections,
    duration_s: options.durationS,
    warmup_s: options.warmupS,
    ...machine,
    node: process.version,
    timestamp: new Date().toISOString(),
    valid,
  },
};
console.log(
  `\ntracing off: ${off.rps} req/s (p99 ${off.p99} ms); on: ${on.rps} req/s (p99 ${on.p99} ms); ` +
    `ratio on/off ${result.tracing_overhead.rps_ratio}`,
);
await mergeIntoResultsFile(RESULTS_PATH, result);
console.log(`wrote ${RESULTS_PATH}`);
if (!valid) process.exitCode = 1;

async function measureMode(mode: Mode): Promise<LoadSummary> {
  const servers = await startServerProcess(target, {
    nodeArgs: ["--import", PRELOAD],
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: mode === "on" ? sink.url : "",
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
      OTEL_TRACES_SAMPLER: "parentbased_always_on",
    },
  });
  try {
    const { ready } = servers;
    return await measure(ready.trpcUrl, { authorization: `Bearer ${ready.apiKey}` }, options);
  } finally {
    await servers.stop();
  }
}

function average(summaries: LoadSummary[]): { rps: number; p99: number } {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    rps: round(mean(summaries.map((s) => s.rps))),
    p99: round(mean(summaries.map((s) => s.latency_p99_ms))),
  };
}

function numberFromEnv(value: string | undefined, fallback: number, minimum: number): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed >= minimum ? parsed : fallback;
}
