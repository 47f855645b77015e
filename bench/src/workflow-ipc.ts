// Request/reply and notices over Node's IPC channel between the orchestrator and its children.
import { type ChildProcess, fork } from "node:child_process";
import { createInterface } from "node:readline";
import { stopProcess } from "./stop-process.ts";

interface RequestEnvelope {
  kind: "request";
  id: number;
  body: unknown;
}
interface ReplyEnvelope {
  kind: "reply";
  id: number;
  result?: unknown;
  error?: string;
}
interface NoticeEnvelope {
  kind: "notice";
  body: unknown;
}
type Envelope = RequestEnvelope | ReplyEnvelope | NoticeEnvelope;

export interface Child<Request, Notice> {
  process: ChildProcess;
  /** Sends a request and resolves with the child's answer. */
  request<Result>(body: Request): Promise<Result>;
  /** Resolves with the first notice `pick` accepts. */
  waitFor<T>(pick: (notice: Notice) => T | undefined, timeoutMs: number, what: string): Promise<T>;
  onNotice(listener: (notice: Notice) => void): void;
  stop(): Promise<void>;
}

/**
 * Forks a bench module with an IPC channel (Node flags: this process's, plus `nodeFlags`); its stdout
 * and stderr go to this process's stderr.
 */
export function forkChild<Request, Notice>(
  moduleUrl: URL,
  env: NodeJS.ProcessEnv,
  label: string,
  nodeFlags: string[] = [],
): Child<Request, Notice> {
  const child = fork(moduleUrl, [], {
    env,
    execArgv: [...process.execArgv, ...nodeFlags],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      createInterface({ input: stream }).on("line", (line) => process.stderr.write(`[${label}] ${line}\n`));
  }
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners = new Set<(notice: Notice) => void>();
  child.on("message", (message: Envelope) => {
    if (message.kind === "reply") {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(`${label}: ${message.error}`));
      else waiter?.resolve(message.result);
    } else if (message.kind === "notice") {
      for (const listener of [...listeners]) listener(message.body as Notice);
    }
  });
  child.once("exit", (code, signal) => {
    for (const waiter of pending.values()) {
      waiter.reject(new Error(`${label} exited (code ${code}, signal ${signal})`));
    }
    pending.clear();
  });

  return {
    process: child,
    request<Result>(body: Request) {
      const id = nextId++;
      return new Promise<Result>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ kind: "request", id, body } satisfies RequestEnvelope);
      });
    },
    waitFor<T>(pick: (notice: Notice) => T | undefined, timeoutMs: number, what: string) {
      return new Promise<T>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          listeners.delete(listener);
          child.off("exit", exited);
        };
        const listener = (notice: Notice) => {
          const picked = pick(notice);
          if (picked === undefined) return;
          done();
          resolve(picked);
        };
        const exited = (code: number | null) => {
          done();
          reject(new Error(`${label} exited (code ${code}) while waiting for ${what}`));
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${label}: timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        listeners.add(listener);
        child.once("exit", exited);
      });
    },
    onNotice(listener) {
      listeners.add(listener);
    },
    stop: () => stopProcess(child),
  };
}

/** Child side: answers the parent's requests with `handle`. */
export function serveRequests(handle: (body: unknown) => Promise<unknown>): void {
  process.on("message", (message: Envelope) => {
    if (message.kind !== "request") return;
    handle(message.body).then(
      (result) => process.send?.({ kind: "reply", id: message.id, result } satisfies ReplyEnvelope),
      (error: unknown) =>
        process.send?.({
          kind: "reply",
          id: message.id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies ReplyEnvelope),
    );
  });
}

/** Child side: a one-way message to the parent. */
export function notifyParent(body: unknown): void {
  process.send?.({ kind: "notice", body } satisfies NoticeEnvelope);
}

/** Child side: exit when the parent goes away without stopping us. */
export function exitWithParent(shutdown: () => Promise<void>): void {
  process.once("disconnect", () => {
    void shutdown();
  });
}
