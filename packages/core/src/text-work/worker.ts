// Entry of a text-work thread (see pool.ts): every task runs through runTask, which names it
// from tasks.ts (no list to forget one in) and tells the pool when the thread starts it, so a
// task's deadline counts its own run, not its wait in the queue.
import type { MessagePort } from "node:worker_threads";
import * as tasks from "./tasks.ts";

type TaskName = keyof typeof tasks;

export interface StartedTask {
  name: TaskName;
  input: unknown;
  /** Receives one message when the task starts; closed right after. */
  started: MessagePort;
}

export function runTask({ name, input, started }: StartedTask): unknown {
  started.postMessage("started");
  started.close();
  // biome-ignore lint/performance/noDynamicNamespaceImportAccess: a thread runs any task by its name
  const task = tasks[name] as (input: unknown) => unknown;
  return task(input);
}
