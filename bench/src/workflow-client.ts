// The typed client as users run it: tRPC over HTTP, progress over SSE (the `eventsource` ponyfill).
// @jeex/client is not a dependency of the bench package, so it is imported by path; its own
// dependencies still resolve from packages/client.
import { createJeexClient, type JeexClient } from "../../packages/client/src/client.ts";
import { keyedWaiters } from "./keyed-waiters.ts";
import { epochMs, mapLimited } from "./workflow-stats.ts";

export type { JeexClient };
export type RunStepInput = Parameters<JeexClient["workflow"]["runStep"]["mutate"]>[0];

export const benchIdea = {
  idea: "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking of every walk and reviews.",
  audience: "Busy dog owners and independent dog walkers",
};

const terminalTypes = new Set(["execution.succeeded", "execution.failed", "execution.cancelled"]);

export function clientFor(url: string, apiKey: string): JeexClient {
  return createJeexClient({ url, apiKey });
}

export interface ExecutionSeen {
  /** Receive time (epoch ms) of each event type of this execution, first occurrence. */
  at: Map<string, number>;
  terminal: string | undefined;
}

/**
 * One project's progress stream over SSE; records when each execution's events arrive and lets
 * callers wait for an execution's end, whether it arrives before or after they ask.
 */
export function watchProject(client: JeexClient, projectId: string) {
  const executions = new Map<string, ExecutionSeen>();
  const waiters = keyedWaiters<string>();
  let streamErrors = 0;
  let started: () => void = () => {};
  let failed: (error: Error) => void = () => {};
  const opened = new Promise<void>((resolve, reject) => {
    started = resolve;
    failed = reject;
  });
  const seenOf = (executionId: string) => {
    let seen = executions.get(executionId);
    if (!seen) {
      seen = { at: new Map(), terminal: undefined };
      executions.set(executionId, seen);
    }
    return seen;
  };
  const subscription = client.workflow.events.subscribe(
    { projectId },
    {
      onStarted: () => started(),
      onError: (error) => {
        streamErrors += 1;
        failed(error);
      },
      onData: (tracked) => {
        const receivedAt = epochMs();
        const event = tracked.data;
        if (!("executionId" in event)) return;
        const seen = seenOf(event.executionId);
        if (!seen.at.has(event.type)) seen.at.set(event.type, receivedAt);
        if (terminalTypes.has(event.type) && !seen.terminal) {
          seen.terminal = event.type;
          waiters.wake(event.executionId);
        }
      },
    },
  );
  return {
    opened,
    get streamErrors() {
      return streamErrors;
    },
    /**
     * Resolves with the execution's events once its terminal event has arrived, or after
     * `timeoutMs` without one (`terminal` is then undefined): a lost run is counted, not thrown.
     */
    finished(executionId: string, timeoutMs = 60_000): Promise<ExecutionSeen> {
      const seen = seenOf(executionId);
      if (seen.terminal) return Promise.resolve(seen);
      return waiters.wait(executionId, timeoutMs).then(() => seen);
    },
    close: () => subscription.unsubscribe(),
  };
}

export type ProjectWatch = ReturnType<typeof watchProject>;

/** `count` projects, `concurrency` created at a time (one by default); ids in the order of their names. */
export async function createProjects(
  client: JeexClient,
  count: number,
  label: string,
  concurrency = 1,
): Promise<string[]> {
  return mapLimited(Array.from({ length: count }), concurrency, async (_, n) => {
    const project = await client.projects.create.mutate({ name: `${label} ${String(n).padStart(4, "0")}` });
    return project.id;
  });
}
