import { round } from "./load.ts";
import type { ProcessUsage } from "./workflow-protocol.ts";

export interface Distribution {
  count: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  mean_ms: number;
  min_ms: number;
  max_ms: number;
}

/** Nearest-rank percentiles; an empty sample gives zeros with count 0. */
export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (quantile: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1))] ?? 0;
  const sum = sorted.reduce((total, sample) => total + sample, 0);
  return {
    count: sorted.length,
    p50_ms: round(at(0.5)),
    p90_ms: round(at(0.9)),
    p99_ms: round(at(0.99)),
    mean_ms: round(sorted.length > 0 ? sum / sorted.length : 0),
    min_ms: round(sorted[0] ?? 0),
    max_ms: round(sorted.at(-1) ?? 0),
  };
}

/** Milliseconds since the epoch with sub-millisecond resolution, comparable across processes of one machine. */
export const epochMs = () => performance.timeOrigin + performance.now();

export function positiveIntFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

export function processUsage(): ProcessUsage {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    rss_mb: Math.round(memory.rss / 1048576),
    heap_used_mb: Math.round(memory.heapUsed / 1048576),
    cpu_user_ms: Math.round(cpu.user / 1000),
    cpu_system_ms: Math.round(cpu.system / 1000),
  };
}
