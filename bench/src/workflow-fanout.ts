// Part 3: subscription fan-out. N real SSE subscriptions (in separate subscriber processes) to one
// project on one API process; then E events appended through the API's own event log, one at a
// time: each is published, awaited at every subscriber (or a timeout), then the next.
import { setTimeout as sleep } from "node:timers/promises";
import { keyedWaiters } from "./keyed-waiters.ts";
import type { ApiProcess } from "./workflow-children.ts";
import { clientFor, createProjects } from "./workflow-client.ts";
import type { ProcessUsage, PublishReply, SubscriberSettings } from "./workflow-protocol.ts";
import { type Distribution, distribution } from "./workflow-stats.ts";
import {
  deliveriesOf,
  openedSubscriptions,
  type Subscribers,
  subscriberProcesses,
  usageAround,
} from "./workflow-subscriber-processes.ts";

export interface FanoutOptions {
  subscribers: number;
  events: number;
  processes: number;
  openConcurrency: number;
  reader: SubscriberSettings["reader"];
  eventTimeoutMs: number;
  gapMs: number;
}

export interface FanoutResult {
  requested_subscribers: number;
  open_subscribers: number;
  failed_to_open: number;
  open_errors: string[];
  open_ms: number;
  subscriber_processes: number;
  reader: SubscriberSettings["reader"];
  events: number;
  /** publish (just before append, in the API) → received, over every subscriber and event. */
  latency: Distribution;
  /** Per event: publish → the last subscriber had it. */
  time_to_all: Distribution;
  deliveries: number;
  expected_deliveries: number;
  subscribers_with_every_event: number;
  events_timed_out: number;
  append: Distribution;
  stream_errors: number;
  api_usage_before_subscribing: ProcessUsage;
  api_usage_subscribed: ProcessUsage;
  api_usage_after_events: ProcessUsage;
  /** CPU time (user + system) spent per published event, in the API and in all subscriber processes. */
  api_cpu_ms_per_event: number;
  subscribers_cpu_ms_per_event: number;
  subscribers_rss_mb: number;
}

export async function measureFanout(api: ApiProcess, options: FanoutOptions): Promise<FanoutResult> {
  const client = clientFor(api.ready.url, api.ready.apiKey);
  const [projectId = ""] = await createProjects(client, 1, "fanout");
  const usageBefore = await api.child.request<ProcessUsage>({ type: "usage" });
  const pool = subscriberProcesses(api, { ...options, projectIds: [projectId] });
  try {
    const openedNotices = await pool.open();
    const subscribed = await pool.usage();
    const open = openedSubscriptions(options.subscribers, openedNotices);
    // A process whose subscriptions all failed never reports an event as delivered everywhere.
    const got = trackDeliveries(pool.children.filter((_, index) => (openedNotices[index]?.opened ?? 0) > 0));
    await sleep(1000);

    const appends: number[] = [];
    let timedOut = 0;
    for (let seq = 1; seq <= options.events; seq++) {
      const everywhere = got.waitAll(seq, options.eventTimeoutMs);
      const reply = await api.child.request<PublishReply>({ type: "publish", projectId, seq });
      appends.push(reply.append_ms);
      if (!(await everywhere)) timedOut += 1;
      await sleep(options.gapMs);
    }
    const reports = await pool.collect();
    const after = await pool.usage();
    const delivered = deliveriesOf(reports);
    const perEvent = Array.from({ length: options.events }, (_, index) =>
      Math.max(...reports.flatMap((report) => report.latencies[index + 1] ?? [Number.NaN])),
    );
    const counts = reports.flatMap((report) => report.receivedCounts);
    return {
      ...open,
      reader: options.reader,
      events: options.events,
      ...delivered,
      time_to_all: distribution(perEvent.filter(Number.isFinite)),
      expected_deliveries: open.open_subscribers * options.events,
      subscribers_with_every_event: counts.filter((count) => count >= options.events).length,
      events_timed_out: timedOut,
      append: distribution(appends),
      ...usageAround(usageBefore, subscribed, after, options.events),
    };
  } finally {
    await pool.stop();
  }
}

/** Which subscriber processes reported "every local subscriber has seq". */
function trackDeliveries(children: Subscribers[]) {
  const reported = new Map<number, number>();
  const waiters = keyedWaiters<number>();
  for (const child of children) {
    child.onNotice((notice) => {
      if (notice.type !== "got") return;
      const count = (reported.get(notice.seq) ?? 0) + 1;
      reported.set(notice.seq, count);
      if (count === children.length) waiters.wake(notice.seq);
    });
  }
  return {
    /** Resolves true once every process has all of seq, false after the timeout. */
    waitAll: (seq: number, timeoutMs: number): Promise<boolean> => waiters.wait(seq, timeoutMs),
  };
}
