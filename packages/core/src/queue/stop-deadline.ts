import type { JobLog } from "./port.ts";

export interface DrainOptions {
  /** Settles when the running jobs have finished. */
  drained: Promise<unknown>;
  deadlineMs: number;
  /** Aborts the running jobs' signals. */
  abort: () => void;
  /** How long to wait after aborting; a handler ignoring its signal must not hold shutdown forever. */
  graceMs: number;
  log?: JobLog | undefined;
}

/** Waits for running jobs up to the deadline, then aborts them and waits a little more. */
export async function drainWithDeadline(options: DrainOptions): Promise<void> {
  const drained = options.drained.then(
    () => true,
    () => true,
  );
  if (await within(drained, options.deadlineMs)) return;
  options.abort();
  if (await within(drained, options.graceMs)) return;
  options.log?.warn({ graceMs: options.graceMs }, "job handlers ignored their abort signal; stopped waiting");
}

async function within(done: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
