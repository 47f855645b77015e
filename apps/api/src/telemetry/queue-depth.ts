import { metrics, type ObservableResult } from "@opentelemetry/api";
import { type JobType, Queue } from "bullmq";

// BullMQ's names for the states of a job that is not finished.
const PENDING_STATES: JobType[] = ["waiting", "prioritized", "delayed", "active", "waiting-children"];

export interface QueueDepthOptions {
  /** redis:// URL of the queues. */
  connection: string;
  /** BullMQ key prefix (REDIS_KEY_PREFIX). */
  prefix: string;
  queueNames: string[];
}

/**
 * `jeex.queue.depth`: unfinished jobs per queue and state, read from Redis when metrics are
 * collected (one small Lua call per queue per export). Its own Queue handles, so the queue port
 * stays free of metrics.
 */
export function observeQueueDepth(options: QueueDepthOptions): { close(): Promise<void> } {
  const queues = options.queueNames.map(
    (name) => new Queue(name, { connection: { url: options.connection }, prefix: options.prefix }),
  );
  const gauge = metrics.getMeter("jeex-queue").createObservableGauge("jeex.queue.depth", {
    description: "Unfinished jobs in a BullMQ queue, by state",
    unit: "{job}",
  });
  const observe = async (result: ObservableResult) => {
    await Promise.all(
      queues.map(async (queue) => {
        // A Redis hiccup skips one reading rather than failing the whole export.
        const counts = await queue.getJobCounts(...PENDING_STATES).catch(() => undefined);
        for (const [state, count] of Object.entries(counts ?? {}))
          result.observe(count, { "messaging.destination.name": queue.name, "jeex.job.state": state });
      }),
    );
  };
  gauge.addCallback(observe);
  return {
    async close() {
      gauge.removeCallback(observe);
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}
