import type { JobScope } from "./job-scope.ts";

/** The work item for one workflow step run; the execution row holds everything else. */
export interface StepJob extends JobScope {
  executionId: string;
  projectId: string;
}

/** What a queue needs to know about one kind of job (steps, exports, …). */
export interface JobKind<J> {
  /** Queue name, e.g. "steps" or "exports". */
  readonly name: string;
  /** Dedupe id: enqueuing a job whose id is already queued or running is a no-op. */
  idOf(job: J): string;
  /** Validates job data, on enqueue and again when read back from storage. */
  parse(data: unknown): J;
}

export interface JobQueue<J = StepJob> {
  enqueue(job: J): Promise<void>;
  close(): Promise<void>;
}

/** 1-based attempt number out of the attempts the retry policy allows. */
export interface JobAttempt {
  number: number;
  of: number;
}

/**
 * Runs one job. Throwing fails the attempt (retried with backoff until attempts run out; throw
 * `PermanentJobError` to skip retries). `signal` aborts with a `JobRunnerStoppingError` reason when
 * the runner's stop deadline passes.
 */
export type JobHandler<J = StepJob> = (job: J, signal: AbortSignal, attempt: JobAttempt) => Promise<void>;

export interface JobRunner {
  start(): void;
  /** stop taking jobs; wait up to deadline for running ones, then abort them */
  stop(deadlineMs: number): Promise<void>;
}

export interface RetryPolicy {
  /** Total runs of a failing job, the first included. */
  attempts: number;
  /** Delay before the first retry; doubles for each one after. */
  backoffMs: number;
}

/** Options every runner takes besides its handler. */
export interface RunnerHooks<J> {
  /** Called once when a job has failed for good (attempts used up, or a PermanentJobError). */
  onFailed?: (job: J, error: unknown) => Promise<void> | void;
  log?: JobLog;
  /** After aborting at the deadline, how long to wait for handlers to return before giving up on them. */
  abortGraceMs?: number;
}

/** A pino-compatible subset, so the host's logger can be passed as is. */
export interface JobLog {
  warn(details: Record<string, unknown>, message: string): void;
}

/** The abort reason handlers see when the runner's stop deadline passes. */
export class JobRunnerStoppingError extends Error {
  override name = "JobRunnerStoppingError";
  constructor() {
    super("job runner is stopping");
  }
}

/** Thrown by a handler when retrying cannot help (bad input, a 4xx from a provider). */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}
