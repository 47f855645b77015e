import { randomUUID } from "node:crypto";
import type { JeexClient } from "@jeex/client";
import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";

/** The fields every event of a new execution of `projectId`'s about step carries, stamped now. */
export const newAboutExecution = (projectId: string) => ({
  executionId: randomUUID(),
  projectId,
  step: "about" as const,
  at: new Date().toISOString(),
});

export interface ReceivedEvent {
  id: string;
  event: ProgressEvent;
}

/**
 * Subscribes to a project's progress stream through the typed client (SSE) and collects events.
 * `until` resolves once a predicate holds for the collected events.
 */
export function watchProgress(client: JeexClient, projectId: string, lastEventId?: string) {
  const received: ReceivedEvent[] = [];
  const waiters: { check: () => boolean; resolve: () => void }[] = [];
  let started!: () => void;
  const opened = new Promise<void>((resolve) => {
    started = resolve;
  });
  const subscription = client.workflow.events.subscribe(
    { projectId, ...(lastEventId ? { lastEventId } : {}) },
    {
      onStarted: () => started(),
      onData: (tracked) => {
        received.push({ id: tracked.id, event: tracked.data as ProgressEvent });
        for (const waiter of [...waiters]) {
          if (waiter.check()) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
      },
    },
  );
  return {
    received,
    opened,
    until(check: (events: ReceivedEvent[]) => boolean, timeoutMs = 20_000): Promise<void> {
      if (check(received)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out; received: ${received.map((r) => r.event.type).join(", ")}`)),
          timeoutMs,
        );
        waiters.push({
          check: () => check(received),
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    close: () => subscription.unsubscribe(),
  };
}

export const finished = (executionId: string) => (events: ReceivedEvent[]) =>
  events.some(
    ({ event }) =>
      "executionId" in event &&
      event.executionId === executionId &&
      ["execution.succeeded", "execution.failed", "execution.cancelled"].includes(event.type),
  );

/** Runs a step and waits on the stream until it ends; returns the execution id. */
export async function runAndWait(
  client: JeexClient,
  progress: ReturnType<typeof watchProgress>,
  input: Parameters<JeexClient["workflow"]["runStep"]["mutate"]>[0],
) {
  const { executionId } = await client.workflow.runStep.mutate(input);
  await progress.until(finished(executionId));
  return executionId;
}

/** A fresh project of `client`, with its progress stream already open so no event is missed. */
export async function projectWithProgress(client: JeexClient, name: string) {
  const project = await client.projects.create.mutate({ name });
  const progress = watchProgress(client, project.id);
  await progress.opened;
  return { project, progress };
}

/** Runs a step, waits on the stream until it ends, and returns the execution as the API reports it. */
export async function runToExecution(
  client: JeexClient,
  progress: ReturnType<typeof watchProgress>,
  input: Parameters<JeexClient["workflow"]["runStep"]["mutate"]>[0],
) {
  const executionId = await runAndWait(client, progress, input);
  return client.workflow.executions.get.query({ executionId });
}
