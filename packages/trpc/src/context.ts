import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import type { LoginProvider } from "@jeex/contracts/auth";
import type { DownloadLink } from "@jeex/contracts/exports";
import type { Step } from "@jeex/contracts/steps";
import type { ApiKeySecrets } from "@jeex/core/api-keys";
import type { Authenticate, PresentedCredentials } from "@jeex/core/auth";
import type { EventFanout, EventLog, FrameSink, OnAbort, SharedChecks } from "@jeex/core/events";
import type { ExportJob } from "@jeex/core/exports";
import type { RateLimits, SubscriptionSlots } from "@jeex/core/limits";
import type { CostModel } from "@jeex/core/llm";
import type { MemoryServices } from "@jeex/core/memory";
import type { ExecutionLifecycle } from "@jeex/core/workflow";
import type { Database } from "@jeex/db/client";

/** Long-lived dependencies the server builds once and every request shares. */
export interface RouterServices {
  db: Database;
  authenticate: Authenticate;
  apiKeySecrets: ApiKeySecrets;
  /** How long a tenant invitation stays open for its invitee to accept. */
  invitationTtlMs: number;
  /** Sign-in providers shown by `auth.providers` (id and display name only). */
  loginProviders: LoginProvider[];
  workflow: WorkflowServices;
  exports: ExportServices;
  /** Project memory: embedder, vector store, and indexing after a document version becomes active. */
  memory: MemoryServices;
  /** Registers what runs when the server starts draining: open subscriptions end so clients reconnect elsewhere. */
  onShutdown: OnAbort;
  /** Absent when rate limiting is switched off (benchmarks). */
  rateLimits?: RateLimits | undefined;
  streams: StreamServices;
}

/** Caps and guards of long-lived progress streams (`workflow.events`). */
/** Progress streams send a ping this often; an open stream re-checks its access at least as often. */
export const STREAM_PING_INTERVAL_MS = 15_000;

export interface StreamServices {
  /** Writes each project's events to all of its open streams, framed once per event. */
  fanout: EventFanout;
  /** Open streams per user and per process. */
  slots: SubscriptionSlots;
  /** Streams with the same credential and project share their periodic access check. */
  sharedCheck: SharedChecks;
  /** How often an open stream re-checks its credential, membership and project. */
  accessRecheckMs: number;
  /** After this a stream closes and the client resumes with lastEventId. */
  maxLifetimeMs: number;
}

/** Documentation-pack exports as the router sees them. */
export interface ExportServices {
  /** Enqueues a committed export and announces it; marks it failed if the queue refuses. */
  dispatchExport(job: ExportJob): Promise<void>;
  /** A signed link to the archive, valid until the sooner of the link TTL and the export's own expiry. */
  downloadLink(exportId: string, exportExpiresAt: Date): DownloadLink;
  /** How long a finished export is kept before the sweep deletes it. */
  ttlMs: number;
}

/** The workflow's moving parts as the router sees them. */
export interface WorkflowServices {
  events: EventLog<ProgressEvent>;
  /** Enqueues a committed execution and announces it; marks it failed if the queue refuses. */
  dispatchStep(run: {
    executionId: string;
    tenantId: string;
    projectId: string;
    userId: string;
    step: Step;
  }): Promise<void>;
  /** Server default for tenants without their own monthly token budget. */
  defaultMonthlyTokenBudget: number;
  /** Tokens each run reserves from the budget when queued (and may spend at most). */
  runTokenReservation: number;
  /** The configured model and prices, for `workflow.estimate` and runStep's budget pre-check. */
  costModel: CostModel;
  /** Status changes of executions and their events (e.g. `workflow.cancel`). */
  lifecycle: ExecutionLifecycle;
}

/** Header a browser must send with cookie-authenticated mutations: it forces a CORS preflight. */
export const CSRF_HEADER = "x-jeex-csrf";

/** Per-request context, built by the host (Fastify) from the HTTP request. */
export interface RequestContext {
  services: RouterServices;
  requestId: string;
  /** Raw credentials as the client sent them; only the procedure tiers interpret them. */
  credentials: PresentedCredentials;
  requestedTenantId: string | undefined;
  csrfHeaderPresent: boolean;
  ip: string;
  /** A subscription's SSE response, which the host hands over once tRPC has opened it. */
  sse?: SseHandover | undefined;
}

/**
 * The host's hold on a subscription's SSE response (apps/api's tRPC route). tRPC opens the stream
 * (checks, errors before the first event, its `connected` frame); `takeOver` then drops tRPC's own
 * stream and its per-stream machinery, and the stream goes on with what `write` gets, plus the
 * host's pings, until `end`.
 */
export interface SseHandover extends FrameSink {
  /** Resolves true once tRPC's opening frame is out and the stream is the caller's; false if it closed first. */
  takeOver(): Promise<boolean>;
  /** Ends the response; the client resumes with the last id it got. */
  end(): void;
  /** Aborts when the response closes (the client left). */
  readonly closed: AbortSignal;
  /** An unexpected failure ended the stream: the host logs it as a server fault. */
  reportFailure(error: unknown): void;
}

export function bearerTokenFrom(authorization: string | undefined): string | undefined {
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return match?.[1];
}
