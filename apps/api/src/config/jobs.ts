import { z } from "zod";

// Recovery of accepted work on BullMQ. config.ts composes this shape into its one env schema;
// nothing here reads process.env.

export const jobsEnvShape = {
  /**
   * With Redis: a queued execution, export or index request still unfinished this long after it
   * was accepted is added to BullMQ again (under its own job id, so a job still there is kept).
   */
  JOB_RECOVERY_GRACE_SECONDS: z.coerce.number().int().min(0).default(60),
  /** With Redis: how often each process looks for such work, besides once at start-up. */
  JOB_RECOVERY_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
};

type JobsEnv = z.output<z.ZodObject<typeof jobsEnvShape>>;

export function jobsConfigFrom(env: JobsEnv) {
  return {
    recoveryGraceMs: env.JOB_RECOVERY_GRACE_SECONDS * 1000,
    recoveryIntervalMs: env.JOB_RECOVERY_INTERVAL_SECONDS * 1000,
  };
}

export type JobsConfig = ReturnType<typeof jobsConfigFrom>;
