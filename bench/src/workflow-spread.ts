// Part 4: fan-out spread over many projects. S real SSE subscriptions over P projects (subscription i
// watches project i mod P) on one API process; then events appended through the API's event log on
// a steady timer (R per second, round-robin over the projects), whether or not the earlier ones have
// arrived, each reaching its project's subscribers. Also the API's memory per open subscription.
import { setTimeout as sleep } from "node:timers/promises";
import { round } from "./load.ts";
import type { ApiProcess } from "./workflow-children.ts";
import { clientFor, createProjects } from "./workflow-client.ts";
import type {
  MemorySample,
  ProcessUsage,
  PublishReply,
  SubscriberReport,
  SubscriberSettings,
} from "./workflow-protocol.ts";
import { type Distribution, distribution } from "./workflow-stats.ts";
import {
  cpuOf,
  deliveriesOf,
  openedSubscriptions,
  subscriberProcesses,
  usageAround,
} from "./workflow-subscriber-processes.ts";

export interface SpreadOptions {
  subscribers: number;
  projects: number;
  eventsPerSecond: number;
  events: number;
  processes: number;
  openConcurrency: number;
  reader: SubscriberSettings["reader"];
  /** How long after the last publish the bench waits for deliveries still on their way. */
  drainTimeoutMs: number;
}

export interface SpreadResult {
  requested_subscribers: number;
  open_subscribers: number;
  failed_to_open: number;
  open_errors: string[];
  open_ms: number;
  projects: number;
  projects_create_ms: number;
  subscriber_processes: number;
  reader: SubscriberSettings["reader"];
  events: number;
  events_per_s_asked: number;
  /** (events - 1) / (last publish time - first publish time), publish times taken in the API. */
  events_per_s_published: number;
  /** publish (just before append, in the API) → received, over every delivery. */
  latency: Distribution;
  /**
   * Per event, its due time on the schedule → its publish time: the orchestrator's timer, IPC, and
   * the API's event loop busy with other work (the event cannot be appended before it is free).
   */
  publish_delay: Distribution;
  /** Due time → received, over every delivery: latency + that event's publish_delay. */
  latency_from_schedule: Distribution;
  deliveries: number;
  /** Per event, the open subscriptions of its project; summed. */
  expected_deliveries: number;
  /** Deliveries beyond an event's own project's open subscriptions (an event reaching another project). */
  misdelivered: number;
  append: Distribution;
  stream_errors: number;
  /** Samples after a full GC when `gc_forced`; RSS also holds memory V8 has freed but not returned. */
  api_memory_before_subscribing: MemorySample;
  api_memory_subscribed: MemorySample;
  api_memory_after_events: MemorySample;
  /** (subscribed - before subscribing) / open subscriptions, in KB (1,024 bytes). */
  api_rss_kb_per_subscription: number;
  api_heap_used_kb_per_subscription: number;
  api_usage_before_subscribing: ProcessUsage;
  api_usage_subscribed: ProcessUsage;
  api_usage_after_events: ProcessUsage;
  /** The API's CPU time (user + system) while the subscriptions opened (and one forced GC), per open one. */
  api_cpu_ms_per_open: number;
  /** CPU time (user + system) from subscribed to after the events, per event: pings included. */
  api_cpu_ms_per_event: number;
  subscribers_cpu_ms_per_event: number;
  subscribers_rss_mb: number;
}

export async function measureSpread(api: ApiProcess, options: SpreadOptions): Promise<SpreadResult> {
  const client = clientFor(api.ready.url, api.ready.apiKey);
  const createStarted = performance.now();
  const projectIds = await createProjects(client, options.projects, "spread", 8);
  const projectsCreateMs = Math.round(performance.now() - createStarted);
  const memoryBefore = await api.child.request<MemorySample>({ type: "memory" });
  const usageBefore = await api.child.request<ProcessUsage>({ type: "usage" });
  const pool = subscriberProcesses(api, { ...options, projectIds });
  try {
    const openedNotices = await pool.open();
    const memorySubscribed = await api.child.request<MemorySample>({ type: "memory" });
    const subscribed = await pool.usage();
    const open = openedSubscriptions(options.subscribers, openedNotices);
    const opened = open.open_subscribers;
    const openPerProject = sumPerProject(await pool.collect());
    const projectOf = (seq: number) => projectIds[(seq - 1) % projectIds.length] ?? "";
    const expectedOf = (seq: number) => openPerProject.get(projectOf(seq)) ?? 0;
    await sleep(1000);

    const published = await publishSteadily(api, options, projectOf);
    let expected = 0;
    for (let seq = 1; seq <= options.events; seq++) expected += expectedOf(seq);
    const reports = await collectWhenDelivered(pool.collect, expected, options.drainTimeoutMs);
    const after = await pool.usage();
    const memoryAfter = await api.child.request<MemorySample>({ type: "memory" });

    const delayOf = new Map(published.map((reply) => [reply.seq, reply.sentAt - reply.dueAt]));
    const fromSchedule = reports.flatMap((report) =>
      Object.entries(report.latencies).flatMap(([seq, list]) =>
        list.map((latency) => latency + (delayOf.get(Number(seq)) ?? 0)),
      ),
    );
    let misdelivered = 0;
    for (let seq = 1; seq <= options.events; seq++) {
      const got = reports.reduce((total, report) => total + (report.latencies[seq]?.length ?? 0), 0);
      misdelivered += Math.max(0, got - expectedOf(seq));
    }
    const sentAts = published.map((reply) => reply.sentAt);
    const windowMs = Math.max(...sentAts) - Math.min(...sentAts);
    const perSubscriptionKb = (key: "rss_bytes" | "heap_used_bytes") =>
      round((memorySubscribed[key] - memoryBefore[key]) / opened / 1024, 1);
    return {
      ...open,
      projects: options.projects,
      projects_create_ms: projectsCreateMs,
      reader: options.reader,
      events: options.events,
      events_per_s_asked: options.eventsPerSecond,
      events_per_s_published: windowMs > 0 ? round(((published.length - 1) / windowMs) * 1000, 1) : 0,
      ...deliveriesOf(reports),
      publish_delay: distribution([...delayOf.values()]),
      latency_from_schedule: distribution(fromSchedule),
      expected_deliveries: expected,
      misdelivered,
      append: distribution(published.map((reply) => reply.append_ms)),
      api_memory_before_subscribing: memoryBefore,
      api_memory_subscribed: memorySubscribed,
      api_memory_after_events: memoryAfter,
      api_rss_kb_per_subscription: perSubscriptionKb("rss_bytes"),
      api_heap_used_kb_per_subscription: perSubscriptionKb("heap_used_bytes"),
      api_cpu_ms_per_open: round((cpuOf([subscribed.api]) - cpuOf([usageBefore])) / opened),
      ...usageAround(usageBefore, subscribed, after, options.events),
    };
  } finally {
    await pool.stop();
  }
}

/**
 * Event seq is due at start + (seq - 1) / rate and is sent then, without waiting for earlier ones:
 * a slow delivery does not slow the schedule (a late timer sends at once, to catch up).
 */
async function publishSteadily(
  api: ApiProcess,
  options: SpreadOptions,
  projectOf: (seq: number) => string,
): Promise<Array<PublishReply & { dueAt: number }>> {
  const intervalMs = 1000 / options.eventsPerSecond;
  const start = performance.now();
  const replies: Promise<PublishReply & { dueAt: number }>[] = [];
  for (let seq = 1; seq <= options.events; seq++) {
    const due = start + (seq - 1) * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    // On the epochMs clock, like the publish and receive times.
    const dueAt = performance.timeOrigin + due;
    replies.push(
      api.child
        .request<PublishReply>({ type: "publish", projectId: projectOf(seq), seq })
        .then((reply) => ({ ...reply, dueAt })),
    );
  }
  return Promise.all(replies);
}

/** Collects until every expected delivery has arrived, or `timeoutMs` has passed. */
async function collectWhenDelivered(
  collect: () => Promise<SubscriberReport[]>,
  expected: number,
  timeoutMs: number,
): Promise<SubscriberReport[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const reports = await collect();
    const delivered = reports.reduce(
      (total, report) => total + Object.values(report.latencies).reduce((n, list) => n + list.length, 0),
      0,
    );
    if (delivered >= expected || performance.now() >= deadline) return reports;
    await sleep(250);
  }
}

function sumPerProject(reports: SubscriberReport[]): Map<string, number> {
  const perProject = new Map<string, number>();
  for (const report of reports) {
    for (const [projectId, open] of Object.entries(report.openPerProject))
      perProject.set(projectId, (perProject.get(projectId) ?? 0) + open);
  }
  return perProject;
}
