// The contract between the workflow orchestrator and its children (API server, subscriber processes).
import type { StepTiming } from "./workflow-model-timer.ts";

/** Env var carrying a child's JSON settings. */
export const CHILD_SETTINGS_ENV = "BENCH_WORKFLOW_CHILD";

export interface ServerSettings {
  /** postgres:// URL; undefined runs the API on its embedded PGlite. */
  databaseUrl: string | undefined;
  /** Set: Redis Streams + BullMQ; unset: the in-process event log and runner. */
  redisUrl: string | undefined;
  keyPrefix: string;
  workerInApi: boolean;
  workerConcurrency: number;
  poolSize: number;
  apiKeyHashSecret: string;
}

export type ServerRequest =
  | { type: "timings"; executionIds: string[] }
  | { type: "publish"; projectId: string; seq: number }
  | { type: "usage" }
  /** Memory in bytes, after a full GC when the process was started with --expose-gc. */
  | { type: "memory" };

export interface ServerReady {
  type: "ready";
  url: string;
  apiKey: string;
  tenantId: string;
  database: "postgres" | "pglite";
  events: "redis-streams" | "in-process";
  queue: "bullmq" | "in-process";
}

export type ServerNotice = ServerReady | { type: "failed"; message: string };

export interface PublishReply {
  seq: number;
  sentAt: number;
  append_ms: number;
}

export interface ProcessUsage {
  rss_mb: number;
  heap_used_mb: number;
  cpu_user_ms: number;
  cpu_system_ms: number;
}

export interface MemorySample {
  gc_forced: boolean;
  rss_bytes: number;
  heap_used_bytes: number;
  /** V8 heap reserved: RSS above it is native memory (sockets, parsers, buffers) or code. */
  heap_total_bytes: number;
  external_bytes: number;
  array_buffers_bytes: number;
}

export type TimingsReply = StepTiming[];

export interface SubscriberSettings {
  url: string;
  apiKey: string;
  /** Subscription j of this process watches projectIds[(firstIndex + j) % projectIds.length]. */
  projectIds: string[];
  firstIndex: number;
  count: number;
  openConcurrency: number;
  /** How this process reads the stream: the typed client or raw fetch + SSE parsing. */
  reader: "typed-client" | "raw-fetch";
}

export type SubscriberNotice =
  | { type: "opened"; opened: number; failed: number; errors: string[]; open_ms: number }
  /** Every subscriber of this process has received event `seq`. */
  | { type: "got"; seq: number }
  | { type: "failed"; message: string };

export type SubscriberRequest = { type: "collect" } | { type: "close" } | { type: "usage" };

export interface SubscriberReport {
  /** Per published seq: receive time minus publish time, one entry per subscriber that got it. */
  latencies: Record<number, number[]>;
  /** Per subscriber: how many distinct bench events it received. */
  receivedCounts: number[];
  /** Open subscriptions of this process per project id. */
  openPerProject: Record<string, number>;
  streamErrors: number;
  errors: string[];
}

/** Message of the fan-out events, parsed back by the subscribers. */
export const fanoutMessage = (seq: number, sentAt: number) => `bench-fanout ${seq} ${sentAt.toFixed(3)}`;

export function parseFanoutMessage(message: string): { seq: number; sentAt: number } | undefined {
  const match = /^bench-fanout (\d+) ([\d.]+)$/.exec(message);
  return match ? { seq: Number(match[1]), sentAt: Number(match[2]) } : undefined;
}
