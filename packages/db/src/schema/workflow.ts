import { steps } from "@jeex/contracts/steps";
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  type PgTableExtraConfigValue,
  pgEnum,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, timestampMs, updatedAt } from "./columns.ts";
import { tenantIsolation } from "./rls.ts";
import { projectRowColumns, sameTenantProject, sameTenantReference } from "./tenant-columns.ts";
import { namedUser } from "./user-columns.ts";

export const stepEnum = pgEnum("workflow_step", steps);
export const executionStatus = pgEnum("execution_status", [
  "queued",
  "running",
  "succeeded",
  "failed",
  "cancelled",
]);
/** `merged`: a re-run's output merged three-way with the human edit that was active. */
export const versionSource = pgEnum("version_source", ["agent", "human", "merged"]);

/** One run of one agent on one step: the audit record of every model call. */
export const agentExecutions = pgTable(
  "agent_executions",
  {
    ...projectRowColumns(),
    step: stepEnum().notNull(),
    agent: text().notNull(),
    status: executionStatus().notNull().default("queued"),
    input: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    feedback: text(),
    output: jsonb().$type<unknown>(),
    error: jsonb().$type<{ code: string; message: string; issues?: unknown }>(),
    attempts: integer().notNull().default(0),
    provider: text(),
    model: text(),
    tokensIn: integer().notNull().default(0),
    tokensOut: integer().notNull().default(0),
    costUsd: numeric({ precision: 12, scale: 6, mode: "number" }).notNull().default(0),
    /** Tokens held against the tenant's monthly budget while the run is live; also the run's allowance. */
    tokensReserved: integer().notNull().default(0),
    idempotencyKey: text(),
    correlationId: text(),
    /** W3C trace context of the request that queued the run, so a re-queued job still joins its trace. */
    traceparent: text(),
    createdBy: namedUser(),
    queuedAt: createdAt(),
    startedAt: timestampMs(),
    finishedAt: timestampMs(),
  },
  (t) => [
    unique("agent_executions_tenant_id_key").on(t.tenantId, t.id),
    sameTenantProject("agent_executions", t),
    index("agent_executions_project_idx").on(t.tenantId, t.projectId, t.id.desc()),
    uniqueIndex("agent_executions_idempotency_key")
      .on(t.tenantId, t.projectId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    tenantIsolation("agent_executions", t.tenantId),
  ],
);

/** A document of a project's pack, identified by its path; its content lives in versions. */
export const documents = pgTable(
  "documents",
  {
    ...projectRowColumns(),
    step: stepEnum().notNull(),
    kind: text().notNull(),
    path: text().notNull(),
    title: text().notNull(),
    activeVersionId: uuid(),
    /** An upstream document got a new active version after this one was written. */
    stale: boolean().notNull().default(false),
    /** The step's latest run no longer produces this path (e.g. an ADR that was dropped). */
    retired: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // Annotated: documents and document_versions reference each other, which defeats inference.
  (t): PgTableExtraConfigValue[] => [
    unique("documents_tenant_id_key").on(t.tenantId, t.id),
    sameTenantProject("documents", t),
    // Circular with document_versions: set only once the version exists (activate).
    sameTenantReference("documents_active_version_fk", [t.tenantId, t.activeVersionId], documentVersions),
    uniqueIndex("documents_project_path_key").on(t.tenantId, t.projectId, t.path),
    index("documents_project_step_idx").on(t.tenantId, t.projectId, t.step),
    tenantIsolation("documents", t.tenantId),
  ],
);

export interface ReadabilityScores {
  fleschReadingEase: number;
  gradeLevel: number;
  wordCount: number;
}

export const documentVersions = pgTable(
  "document_versions",
  {
    ...projectRowColumns(),
    documentId: uuid().notNull(),
    version: integer().notNull(),
    title: text().notNull(),
    content: text().notNull(),
    source: versionSource().notNull(),
    /** The run that wrote it; executions go only with their project, which takes its versions too. */
    executionId: uuid(),
    /**
     * For human edits: the version the edit was based on (optimistic concurrency). For merges:
     * the merge base, the agent version the person's edit started from.
     */
    baseVersionId: uuid(),
    /** For merges and their resolutions: the agent output merged in (it is stored as its own version). */
    agentParentId: uuid(),
    /** For merges and their resolutions: the human edit merged with the agent's output. */
    humanParentId: uuid(),
    /** A merge left conflict markers: a person must accept it, take the agent's output or keep their edit. */
    needsReview: boolean().notNull().default(false),
    scores: jsonb().$type<ReadabilityScores>().notNull(),
    createdBy: namedUser(),
    createdAt: createdAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    unique("document_versions_tenant_id_key").on(t.tenantId, t.id),
    sameTenantProject("document_versions", t),
    sameTenantReference("document_versions_document_fk", [t.tenantId, t.documentId], documents).onDelete(
      "cascade",
    ),
    sameTenantReference("document_versions_execution_fk", [t.tenantId, t.executionId], agentExecutions),
    // Versions go only with their document, which takes all of them in one statement.
    sameTenantReference("document_versions_base_fk", [t.tenantId, t.baseVersionId], t),
    sameTenantReference("document_versions_agent_parent_fk", [t.tenantId, t.agentParentId], t),
    sameTenantReference("document_versions_human_parent_fk", [t.tenantId, t.humanParentId], t),
    uniqueIndex("document_versions_number_key").on(t.documentId, t.version),
    // A retried job re-running the same execution can never add a second version of a document.
    uniqueIndex("document_versions_execution_key")
      .on(t.documentId, t.executionId)
      .where(sql`${t.executionId} is not null`),
    index("document_versions_project_idx").on(t.tenantId, t.projectId),
    tenantIsolation("document_versions", t.tenantId),
  ],
);

/** Tokens and cost of the model calls of one attempt of an execution, for budgets and `usage.get`. */
export const usageRecords = pgTable(
  "usage_records",
  {
    ...projectRowColumns(),
    /** Executions go only with their project, which takes its usage records too. */
    executionId: uuid(),
    /** The execution's attempt that spent these tokens: each attempt is recorded once. */
    attempt: integer().notNull().default(1),
    provider: text().notNull(),
    model: text().notNull(),
    tokensIn: integer().notNull(),
    tokensOut: integer().notNull(),
    costUsd: numeric({ precision: 12, scale: 6, mode: "number" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    sameTenantProject("usage_records", t),
    sameTenantReference("usage_records_execution_fk", [t.tenantId, t.executionId], agentExecutions),
    index("usage_records_tenant_time_idx").on(t.tenantId, t.createdAt),
    uniqueIndex("usage_records_execution_attempt_key").on(t.executionId, t.attempt),
    tenantIsolation("usage_records", t.tenantId),
  ],
);
