// Child process: `count` real SSE subscriptions to projects' progress streams on the API (one project,
// or spread round-robin over several), each its own HTTP connection. Records, per bench event, when each subscriber received it.
import { clientFor } from "./workflow-client.ts";
import { exitWithParent, notifyParent, serveRequests } from "./workflow-ipc.ts";
import {
  CHILD_SETTINGS_ENV,
  parseFanoutMessage,
  type SubscriberNotice,
  type SubscriberReport,
  type SubscriberRequest,
  type SubscriberSettings,
} from "./workflow-protocol.ts";
import { openRawSubscription } from "./workflow-sse.ts";
import { epochMs, mapLimited, processUsage } from "./workflow-stats.ts";

const settings = JSON.parse(process.env[CHILD_SETTINGS_ENV] ?? "{}") as SubscriberSettings;
const OPEN_TIMEOUT_MS = 120_000;

interface Subscriber {
  seen: Set<number>;
  close(): void;
}

const latencies: Record<number, number[]> = {};
const receivers = new Map<number, number>();
const subscribers: Subscriber[] = [];
const openPerProject: Record<string, number> = {};
const errors: string[] = [];
let streamErrors = 0;
let expected = Number.POSITIVE_INFINITY;

const shutdown = async () => {
  for (const subscriber of subscribers) subscriber.close();
  process.exit(0);
};
process.once("SIGTERM", shutdown);
exitWithParent(shutdown);
serveRequests(async (body) => {
  const request = body as SubscriberRequest;
  if (request.type === "usage") return processUsage();
  if (request.type === "close") {
    for (const subscriber of subscribers) subscriber.close();
    return null;
  }
  return {
    latencies,
    receivedCounts: subscribers.map((subscriber) => subscriber.seen.size),
    openPerProject,
    streamErrors,
    errors: errors.slice(0, 20),
  } satisfies SubscriberReport;
});

/** Called with every progress message a subscriber receives. */
function received(subscriber: Subscriber, message: string) {
  const receivedAt = epochMs();
  const parsed = parseFanoutMessage(message);
  if (!parsed || subscriber.seen.has(parsed.seq)) return;
  subscriber.seen.add(parsed.seq);
  const list = latencies[parsed.seq] ?? [];
  list.push(receivedAt - parsed.sentAt);
  latencies[parsed.seq] = list;
  const count = (receivers.get(parsed.seq) ?? 0) + 1;
  receivers.set(parsed.seq, count);
  if (count === expected) notifyParent({ type: "got", seq: parsed.seq } satisfies SubscriberNotice);
}

function failure(error: unknown) {
  streamErrors += 1;
  if (errors.length < 20) errors.push(error instanceof Error ? error.message : String(error));
}

const client = settings.reader === "typed-client" ? clientFor(settings.url, settings.apiKey) : undefined;

function openOne(projectId: string): Promise<boolean> {
  return new Promise((resolve) => {
    const subscriber: Subscriber = { seen: new Set(), close: () => {} };
    const timer = setTimeout(() => resolve(false), OPEN_TIMEOUT_MS);
    const started = () => {
      clearTimeout(timer);
      subscribers.push(subscriber);
      openPerProject[projectId] = (openPerProject[projectId] ?? 0) + 1;
      resolve(true);
    };
    const failed = (error: unknown) => {
      clearTimeout(timer);
      failure(error);
      resolve(false);
    };
    if (client) {
      const subscription = client.workflow.events.subscribe(
        { projectId },
        {
          onStarted: started,
          onError: failed,
          onData: (tracked) => {
            const event = tracked.data;
            if (event.type === "execution.progress") received(subscriber, event.message);
          },
        },
      );
      subscriber.close = () => subscription.unsubscribe();
    } else {
      subscriber.close = openRawSubscription({
        url: settings.url,
        apiKey: settings.apiKey,
        projectId,
        onStarted: started,
        onError: failed,
        onEvent: (event) => {
          if (event.type === "execution.progress" && typeof event.message === "string")
            received(subscriber, event.message);
        },
      });
    }
  });
}

const began = epochMs();
const { projectIds, firstIndex } = settings;
const outcomes = await mapLimited(
  Array.from({ length: settings.count }),
  settings.openConcurrency,
  (_, index) => openOne(projectIds[(firstIndex + index) % projectIds.length] ?? ""),
);
const opened = outcomes.filter(Boolean).length;
expected = opened;
notifyParent({
  type: "opened",
  opened,
  failed: settings.count - opened,
  errors: errors.slice(0, 5),
  open_ms: Math.round(epochMs() - began),
} satisfies SubscriberNotice);
