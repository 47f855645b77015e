// The "workflow" section of results/latest.json and the table printed after a run.
import { readFile } from "node:fs/promises";
import type { MachineState } from "./machine.ts";
import { mergeIntoResultsFile } from "./report.ts";
import type { OverheadResult } from "./workflow-overhead.ts";
import type { FanoutRun, SpreadRun } from "./workflow-parts.ts";
import type { ThroughputResult } from "./workflow-throughput.ts";

export const TARGETS = {
  overhead_per_step_ms: 50,
  fanout_subscribers: 5000,
  fanout_p99_ms: 250,
  // Issue #13: one process, 10,000 subscriptions over 1,000 projects, a steady 50 events/s across them.
  spread_subscribers: 10_000,
  spread_projects: 1000,
  spread_events_per_s: 50,
  spread_p99_ms: 100,
  spread_kb_per_subscription: 20,
};

/** Machine state sampled right before a measurement, and the load average right after it. */
export interface Sampled {
  machine_before: MachineState;
  load_avg_1m_after: number;
}

export type ModeName = "in-process" | "redis";

export interface WorkflowSection {
  timestamp: string;
  node: string;
  database: string;
  database_note: string;
  redis: string;
  ulimit_nofile: string;
  machine: MachineState;
  targets: typeof TARGETS;
  overhead?: { method: string; modes: Partial<Record<ModeName, OverheadResult & Sampled & ModeInfo>> };
  throughput?: ThroughputResult & Sampled & { method: string; setup: string };
  fanout?: { method: string; runs: FanoutRun[] };
  fanout_spread?: { method: string; runs: SpreadRun[] };
  warnings: string[];
  /** Wall time of each part, set-up and clean-up included. */
  durations_s: Record<string, number>;
  cleanup: Record<string, unknown>;
}

export interface ModeInfo {
  event_log: string;
  queue: string;
  worker: string;
}

/** Replaces the parts this run measured; keeps parts an earlier (partial) run wrote. */
export async function writeWorkflowSection(path: string, section: WorkflowSection): Promise<void> {
  let previous: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as { workflow?: Record<string, unknown> };
    previous = parsed.workflow ?? {};
  } catch {
    // No earlier results (or unreadable: mergeIntoResultsFile refuses to overwrite those).
  }
  const kept = Object.fromEntries(
    ["overhead", "throughput", "fanout", "fanout_spread"]
      .filter((part) => !(part in section) && part in previous)
      .map((part) => [part, previous[part]]),
  );
  await mergeIntoResultsFile(path, { workflow: { ...kept, ...section } });
}

export function printWorkflowTables(section: WorkflowSection): void {
  const load = (sampled: Sampled) =>
    `${sampled.machine_before.cpu_idle_pct_before}% idle, load ${sampled.machine_before.load_avg_1m_before}`;
  if (section.overhead) {
    console.log(
      `\n1. orchestration overhead per step, template provider (target < ${TARGETS.overhead_per_step_ms} ms)`,
    );
    table([
      ["mode", "steps", "overhead p50", "p99", "total p50", "p99", "model p50", "failed", "machine before"],
      ...Object.entries(section.overhead.modes).map(([mode, r]) => [
        mode,
        String(r.model_timed),
        ms(r.overhead.p50_ms),
        ms(r.overhead.p99_ms),
        ms(r.total.p50_ms),
        ms(r.total.p99_ms),
        ms(r.model.p50_ms),
        String(r.failed),
        load(r),
      ]),
    ]);
  }
  if (section.throughput) {
    const r = section.throughput;
    console.log(`\n2. steps per second: ${r.setup}`);
    table([
      [
        "steps",
        "steps/s",
        "wall",
        "enqueued/s",
        "completed/s",
        "latency p50",
        "p99",
        "failed",
        "machine before",
      ],
      [
        String(r.steps),
        r.steps_per_s.toFixed(1),
        ms(r.wall_ms),
        r.enqueue_per_s.toFixed(1),
        r.completions_per_s.toFixed(1),
        ms(r.step_latency.p50_ms),
        ms(r.step_latency.p99_ms),
        String(r.failed),
        load(r),
      ],
    ]);
  }
  if (section.fanout) {
    console.log(
      `\n3. subscription fan-out (target ${TARGETS.fanout_subscribers} subscribers, p99 < ${TARGETS.fanout_p99_ms} ms)`,
    );
    table([
      [
        "mode",
        "open/asked",
        "events",
        "p50",
        "p99",
        "max",
        "to-all p99",
        "got every",
        "API cpu/event",
        "API rss",
        "machine before",
      ],
      ...section.fanout.runs.map((r) => [
        r.mode,
        `${r.open_subscribers}/${r.requested_subscribers}`,
        String(r.events),
        ms(r.latency.p50_ms),
        ms(r.latency.p99_ms),
        ms(r.latency.max_ms),
        ms(r.time_to_all.p99_ms),
        `${r.subscribers_with_every_event}/${r.open_subscribers}`,
        ms(r.api_cpu_ms_per_event),
        `${r.api_usage_after_events.rss_mb} MB`,
        load(r),
      ]),
    ]);
  }
  if (section.fanout_spread) printSpreadTable(section.fanout_spread.runs, load);
  for (const warning of section.warnings) console.log(`!!! ${warning}`);
}

function printSpreadTable(runs: SpreadRun[], load: (sampled: Sampled) => string) {
  console.log(
    `\n4. fan-out spread (target ${TARGETS.spread_subscribers} subscriptions over ${TARGETS.spread_projects} ` +
      `projects, ${TARGETS.spread_events_per_s} events/s, p99 < ${TARGETS.spread_p99_ms} ms, ` +
      `<= ${TARGETS.spread_kb_per_subscription} KB per subscription)`,
  );
  table([
    [
      "mode",
      "open/asked",
      "projects",
      "events",
      "published/s",
      "p50",
      "p99",
      "max",
      "from-schedule p99",
      "delivered/expected",
      "API cpu/event",
      "API KB/sub rss",
      "heap",
      "gc",
      "machine before",
    ],
    ...runs.map((r) => [
      r.mode,
      `${r.open_subscribers}/${r.requested_subscribers}`,
      String(r.projects),
      String(r.events),
      r.events_per_s_published.toFixed(1),
      ms(r.latency.p50_ms),
      ms(r.latency.p99_ms),
      ms(r.latency.max_ms),
      ms(r.latency_from_schedule.p99_ms),
      `${r.deliveries}/${r.expected_deliveries}`,
      ms(r.api_cpu_ms_per_event),
      r.api_rss_kb_per_subscription.toFixed(1),
      r.api_heap_used_kb_per_subscription.toFixed(1),
      r.api_memory_subscribed.gc_forced ? "forced" : "not forced",
      load(r),
    ]),
  ]);
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function table(rows: string[][]) {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  for (const row of rows) console.log(row.map((cell, i) => cell.padStart(widths[i] ?? 0)).join("  "));
}
