import { z } from "zod";

// Documentation-pack exports: how long archives and their download links live, and the key that
// signs the links. config.ts composes this shape into its one env schema; nothing here reads process.env.

const DEV_EXPORT_SIGNING_SECRET = "jeex-development-only-export-link-signing-secret";

const seconds = (defaultValue: number) => z.coerce.number().int().min(1).default(defaultValue);

export const exportsEnvShape = {
  /** HMAC-SHA256 key of signed download links (>= 32 chars); required in production. */
  EXPORT_SIGNING_SECRET: z
    .string()
    .min(32, "must be at least 32 characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** How long a built archive is kept (and downloadable) before the sweep deletes it. */
  EXPORT_TTL_SECONDS: seconds(24 * 60 * 60),
  /** How long one signed download link works (never past its export's expiry). */
  EXPORT_LINK_TTL_SECONDS: seconds(15 * 60),
  /**
   * How often each process runs the housekeeping sweep: expired exports, sessions, unanswered
   * invitations and idempotency records (named for exports, the first thing it swept).
   */
  EXPORT_SWEEP_INTERVAL_SECONDS: seconds(5 * 60),
};

type ExportsEnv = z.output<z.ZodObject<typeof exportsEnvShape>>;

/** Cross-variable rules, reported with every other configuration problem. */
export function exportsEnvIssues(
  env: ExportsEnv & { NODE_ENV: string },
): { path: string[]; message: string }[] {
  if (env.NODE_ENV === "production" && !env.EXPORT_SIGNING_SECRET) {
    return [{ path: ["EXPORT_SIGNING_SECRET"], message: "is required in production" }];
  }
  return [];
}

export function exportsConfigFrom(env: ExportsEnv) {
  return {
    signingSecret: env.EXPORT_SIGNING_SECRET ?? DEV_EXPORT_SIGNING_SECRET,
    /** Logged at start-up: links signed with a public secret can be forged by anyone who reads the code. */
    usingDevelopmentSecret: !env.EXPORT_SIGNING_SECRET,
    ttlMs: env.EXPORT_TTL_SECONDS * 1000,
    linkTtlMs: env.EXPORT_LINK_TTL_SECONDS * 1000,
    sweepIntervalMs: env.EXPORT_SWEEP_INTERVAL_SECONDS * 1000,
  };
}

export type ExportsConfig = ReturnType<typeof exportsConfigFrom>;
