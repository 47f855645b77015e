// The subscriber processes of the fan-out parts: forked, opened, sampled, collected and stopped
// together. Subscription i of all of them (counted across processes) watches project i mod P.
import { round } from "./load.ts";
import type { ApiProcess } from "./workflow-children.ts";
import { type Child, forkChild } from "./workflow-ipc.ts";
import {
  CHILD_SETTINGS_ENV,
  type ProcessUsage,
  type SubscriberNotice,
  type SubscriberReport,
  type SubscriberRequest,
  type SubscriberSettings,
} from "./workflow-protocol.ts";
import { distribution } from "./workflow-stats.ts";

export type Subscribers = Child<SubscriberRequest, SubscriberNotice>;
export type OpenedNotice = Extract<SubscriberNotice, { type: "opened" }>;

/** Linux refuses an environment string over 128 KiB; the settings travel in one. */
const MAX_SETTINGS_CHARS = 120_000;

export interface SubscriberPlan {
  subscribers: number;
  processes: number;
  projectIds: string[];
  openConcurrency: number;
  reader: SubscriberSettings["reader"];
}

/** The API's usage and every subscriber process's, sampled one after the other. */
export interface UsageSample {
  api: ProcessUsage;
  subscribers: ProcessUsage[];
}

export function subscriberProcesses(api: ApiProcess, plan: SubscriberPlan) {
  const children: Subscribers[] = [];
  return {
    children,
    /** Forks the processes; resolves with each one's "opened" notice, in process order. */
    async open(): Promise<OpenedNotice[]> {
      let firstIndex = 0;
      return Promise.all(
        split(plan.subscribers, plan.processes).map((count, index) => {
          const settings: SubscriberSettings = {
            url: api.ready.url,
            apiKey: api.ready.apiKey,
            projectIds: plan.projectIds,
            firstIndex,
            count,
            openConcurrency: plan.openConcurrency,
            reader: plan.reader,
          };
          firstIndex += count;
          const json = JSON.stringify(settings);
          if (json.length > MAX_SETTINGS_CHARS)
            throw new Error(`${plan.projectIds.length} project ids do not fit a child's environment`);
          const child = forkChild<SubscriberRequest, SubscriberNotice>(
            new URL("./workflow-subscribers.ts", import.meta.url),
            { ...process.env, [CHILD_SETTINGS_ENV]: json },
            `subscribers ${index + 1}`,
          );
          children.push(child);
          return child.waitFor(
            (notice) => (notice.type === "opened" ? notice : undefined),
            300_000,
            "subscriptions to open",
          );
        }),
      );
    },
    /** Where the API and the subscriber processes stand now (once subscribed, after the events). */
    async usage(): Promise<UsageSample> {
      const apiUsage = await api.child.request<ProcessUsage>({ type: "usage" });
      const subscribers = await Promise.all(
        children.map((child) => child.request<ProcessUsage>({ type: "usage" })),
      );
      return { api: apiUsage, subscribers };
    },
    collect: () => Promise.all(children.map((child) => child.request<SubscriberReport>({ type: "collect" }))),
    async stop() {
      await Promise.all(children.map((child) => child.request({ type: "close" }).catch(() => undefined)));
      await Promise.all(children.map((child) => child.stop()));
    },
  };
}

/**
 * What the processes' "opened" notices add up to, as both fan-out parts report it; a part with no
 * open subscription at all has nothing to measure and fails with the first process's errors.
 */
export function openedSubscriptions(requested: number, notices: OpenedNotice[]) {
  const opened = notices.reduce((total, notice) => total + notice.opened, 0);
  if (opened === 0) throw new Error(`no subscription opened: ${notices[0]?.errors.join("; ")}`);
  return {
    requested_subscribers: requested,
    open_subscribers: opened,
    failed_to_open: requested - opened,
    open_errors: notices.flatMap((notice) => notice.errors).slice(0, 5),
    open_ms: Math.max(...notices.map((notice) => notice.open_ms)),
    /** One notice per process forked: fewer than asked when there are fewer subscriptions than processes. */
    subscriber_processes: notices.length,
  };
}

export const cpuOf = (usages: ProcessUsage[]) =>
  usages.reduce((total, usage) => total + usage.cpu_user_ms + usage.cpu_system_ms, 0);

/**
 * Where the API stood before subscribing, where it and the subscriber processes stood once
 * subscribed and after a fan-out's `events`, and their CPU per event.
 */
export function usageAround(
  apiBeforeSubscribing: ProcessUsage,
  subscribed: UsageSample,
  after: UsageSample,
  events: number,
) {
  return {
    api_usage_before_subscribing: apiBeforeSubscribing,
    api_usage_subscribed: subscribed.api,
    api_usage_after_events: after.api,
    api_cpu_ms_per_event: round((cpuOf([after.api]) - cpuOf([subscribed.api])) / events),
    subscribers_cpu_ms_per_event: round((cpuOf(after.subscribers) - cpuOf(subscribed.subscribers)) / events),
    subscribers_rss_mb: after.subscribers.reduce((total, each) => total + each.rss_mb, 0),
  };
}

/** What the subscriber processes received, over every subscription and event. */
export function deliveriesOf(reports: SubscriberReport[]) {
  const latencies = reports.flatMap((report) => Object.values(report.latencies).flat());
  return {
    /** publish (just before append, in the API) → received. */
    latency: distribution(latencies),
    deliveries: latencies.length,
    stream_errors: reports.reduce((total, report) => total + report.streamErrors, 0),
  };
}

function split(total: number, parts: number): number[] {
  const count = Math.max(1, Math.min(parts, total));
  return Array.from(
    { length: count },
    (_, index) => Math.floor(total / count) + (index < total % count ? 1 : 0),
  );
}
