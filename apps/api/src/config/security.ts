import { STREAM_PING_INTERVAL_MS } from "@jeex/trpc/context";
import { z } from "zod";
import { booleanFlag, commaList } from "./flags.ts";

// Security settings: rate limits, batch and stream caps, CORS, proxy trust and connection timeouts. config.ts composes
// this shape into its one env schema, so process.env is still read in one place only.

const positiveInt = (defaultValue: number) => z.coerce.number().int().min(1).default(defaultValue);

/** `https://app.example.com` exactly as a browser sends it in `Origin`: scheme, host, port, no path. */
const corsOrigin = z.string().refine((value) => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}, "must be an origin like https://app.example.com (no path, no trailing slash; '*' is not allowed)");

/**
 * Which proxies may set X-Forwarded-For, so `request.ip` (the IP rate-limit key) is the client's:
 * `false` (default, the socket address), a hop count, or proxy addresses/CIDRs. `true` trusts any
 * sender of the header, which lets clients pick their own IP; prefer a hop count or addresses.
 */
const trustProxy = z
  .string()
  .default("false")
  .transform((value): boolean | string[] | ((address: string, hop: number) => boolean) => {
    const trimmed = value.trim();
    if (trimmed === "" || trimmed === "false" || trimmed === "0") return false;
    if (trimmed === "true") return true;
    if (/^\d+$/.test(trimmed)) {
      // Fastify accepts a hop count at run time but not in its types: the same rule as a function.
      const hops = Number(trimmed);
      return (_address, hop) => hop < hops;
    }
    return trimmed
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
  });

export const securityEnvShape = {
  RATE_LIMITS_ENABLED: booleanFlag(true),
  RATE_LIMIT_IP_PER_MINUTE: positiveInt(100),
  RATE_LIMIT_USER_PER_HOUR: positiveInt(1000),
  RATE_LIMIT_PROJECT_MUTATIONS_PER_HOUR: positiveInt(500),
  RATE_LIMIT_AUTH_FAILURES_PER_IP: positiveInt(20),
  RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: positiveInt(900),
  /** Calls one tRPC batch may carry; the client's httpBatchLink `maxItems` must not exceed it. */
  TRPC_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(20),
  SUBSCRIPTIONS_PER_USER: positiveInt(100),
  SUBSCRIPTIONS_PER_TENANT: positiveInt(1_000),
  SUBSCRIPTIONS_PER_PROCESS: positiveInt(20_000),
  /** How often an open progress stream re-checks its credential, membership and project. */
  // Access taken away ends a stream by the next ping at the latest.
  STREAM_ACCESS_RECHECK_MS: z.coerce.number().int().min(100).max(STREAM_PING_INTERVAL_MS).default(15_000),
  /** After this, a progress stream closes and the client resumes with lastEventId. */
  STREAM_MAX_LIFETIME_MS: z.coerce.number().int().min(1000).default(1_800_000),
  RATE_LIMIT_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, "letters, digits and : _ . - only")
    .default("jeex:rl"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  CORS_ORIGINS: commaList.pipe(z.array(corsOrigin)),
  TRUST_PROXY: trustProxy,
  CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(72_000),
};

type SecurityEnv = z.output<z.ZodObject<typeof securityEnvShape>>;

export function securityConfigFrom(env: SecurityEnv) {
  return {
    rateLimits: {
      enabled: env.RATE_LIMITS_ENABLED,
      redisUrl: env.REDIS_URL,
      keyPrefix: env.RATE_LIMIT_KEY_PREFIX,
      settings: {
        ip: { points: env.RATE_LIMIT_IP_PER_MINUTE, durationSeconds: 60 },
        user: { points: env.RATE_LIMIT_USER_PER_HOUR, durationSeconds: 3600 },
        project: { points: env.RATE_LIMIT_PROJECT_MUTATIONS_PER_HOUR, durationSeconds: 3600 },
        authFailure: {
          points: env.RATE_LIMIT_AUTH_FAILURES_PER_IP,
          durationSeconds: env.RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS,
        },
      },
    },
    maxBatchSize: env.TRPC_MAX_BATCH_SIZE,
    streams: {
      perUser: env.SUBSCRIPTIONS_PER_USER,
      perTenant: env.SUBSCRIPTIONS_PER_TENANT,
      perProcess: env.SUBSCRIPTIONS_PER_PROCESS,
      accessRecheckMs: env.STREAM_ACCESS_RECHECK_MS,
      maxLifetimeMs: env.STREAM_MAX_LIFETIME_MS,
    },
    corsOrigins: env.CORS_ORIGINS,
    trustProxy: env.TRUST_PROXY,
    connectionTimeoutMs: env.CONNECTION_TIMEOUT_MS,
    keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
  };
}

export type SecurityConfig = ReturnType<typeof securityConfigFrom>;
