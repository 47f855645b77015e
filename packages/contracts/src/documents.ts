import { z } from "zod";
import {
  idempotencyKeySchema,
  idSchema,
  pageSchema,
  paginationInputSchema,
  safeText,
  timestampSchema,
} from "./common.ts";
import { stepSchema } from "./steps.ts";

export const readabilitySchema = z.object({
  fleschReadingEase: z.number(),
  gradeLevel: z.number(),
  wordCount: z.number().int(),
});

/** `merged`: a re-run's output merged three-way with the person's edit that was active. */
export const versionSourceSchema = z.enum(["agent", "human", "merged"]);

export const documentSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  step: stepSchema,
  kind: z.string(),
  path: z.string(),
  title: z.string(),
  versionId: idSchema,
  version: z.number().int(),
  source: versionSourceSchema,
  scores: readabilitySchema,
  stale: z.boolean(),
  /** The active version is a merge with conflict markers a person must resolve. */
  needsReview: z.boolean(),
  updatedAt: timestampSchema,
});
export type DocumentSummary = z.infer<typeof documentSchema>;

export const versionSummarySchema = z.object({
  id: idSchema,
  documentId: idSchema,
  version: z.number().int(),
  title: z.string(),
  source: versionSourceSchema,
  executionId: idSchema.nullable(),
  /** Human edits: the version edited. Merges: the merge base (the agent version the edit started from). */
  baseVersionId: idSchema.nullable(),
  /** Merges and their resolutions: the agent output merged in. */
  agentParentId: idSchema.nullable(),
  /** Merges and their resolutions: the person's edit merged with it. */
  humanParentId: idSchema.nullable(),
  needsReview: z.boolean(),
  scores: readabilitySchema,
  createdBy: idSchema.nullable(),
  createdAt: timestampSchema,
  active: z.boolean(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

export const documentWithContentSchema = z.object({
  document: documentSchema.omit({
    versionId: true,
    version: true,
    source: true,
    scores: true,
    needsReview: true,
  }),
  version: versionSummarySchema.extend({ content: z.string() }),
});
export type DocumentWithContent = z.infer<typeof documentWithContentSchema>;

export const listDocumentsInputSchema = paginationInputSchema.extend({
  projectId: idSchema,
  limit: z.number().int().min(1).max(100).default(100),
});
export type ListDocumentsInput = z.infer<typeof listDocumentsInputSchema>;
export const documentPageSchema = pageSchema(documentSchema);

export const listVersionsInputSchema = paginationInputSchema.extend({ documentId: idSchema });
export type ListVersionsInput = z.infer<typeof listVersionsInputSchema>;
export const versionPageSchema = pageSchema(versionSummarySchema);

export const getDocumentInputSchema = z.strictObject({
  documentId: idSchema,
  /** Defaults to the active version. */
  versionId: idSchema.optional(),
});
export type GetDocumentInput = z.infer<typeof getDocumentInputSchema>;

export const diffInputSchema = z.strictObject({
  documentId: idSchema,
  fromVersionId: idSchema,
  /** Defaults to the active version. */
  toVersionId: idSchema.optional(),
});
export type DiffInput = z.infer<typeof diffInputSchema>;

/**
 * A diff is bounded work: when two versions are too different (too many changed lines, or the
 * search runs out of time) the answer says so with `tooLarge: true` instead of a unified diff.
 */
export const diffOutputSchema = z.discriminatedUnion("tooLarge", [
  z.object({
    fromVersion: z.number().int(),
    toVersion: z.number().int(),
    tooLarge: z.literal(false),
    unified: z.string(),
    stats: z.object({ additions: z.number().int(), deletions: z.number().int(), hunks: z.number().int() }),
  }),
  z.object({
    fromVersion: z.number().int(),
    toVersion: z.number().int(),
    tooLarge: z.literal(true),
    reason: z.enum(["too-many-changes", "timeout"]),
    /** A sentence a UI can show as is. */
    message: z.string(),
  }),
]);
export type DiffOutput = z.infer<typeof diffOutputSchema>;

export const saveEditInputSchema = z.strictObject({
  documentId: idSchema,
  /** The version the edit started from; if another version became active since, the save is a CONFLICT. */
  baseVersionId: idSchema,
  content: safeText().min(1).max(500_000),
  title: safeText().trim().min(1).max(300).optional(),
});
export type SaveEditInput = z.infer<typeof saveEditInputSchema>;

export const activateInputSchema = z.strictObject({ documentId: idSchema, versionId: idSchema });
export type ActivateInput = z.infer<typeof activateInputSchema>;

/** Confirms a stale document as still right: its active version stays, the stale flag clears. */
export const confirmDocumentInputSchema = z.strictObject({ documentId: idSchema });
export type ConfirmDocumentInput = z.infer<typeof confirmDocumentInputSchema>;

export const confirmedDocumentSchema = z.object({
  documentId: idSchema,
  versionId: idSchema,
  stale: z.literal(false),
  /** False when the document was not stale (nothing changed, nothing audited). */
  wasStale: z.boolean(),
});
export type ConfirmedDocument = z.infer<typeof confirmedDocumentSchema>;

/**
 * How a person settles a merge of a re-run with their edit; each makes a new active version based
 * on the merge (`versionId`, which must still be active: optimistic concurrency, like saveEdit).
 * `accept` keeps the merged text (or `content`, the person's resolution of its conflicts); `agent`
 * takes the agent's output; `mine` keeps the person's edit as it was before the re-run.
 */
export const mergeResolutionSchema = z.enum(["accept", "agent", "mine"]);
export type MergeResolution = z.infer<typeof mergeResolutionSchema>;

export const resolveMergeInputSchema = z
  .strictObject({
    documentId: idSchema,
    versionId: idSchema,
    resolution: mergeResolutionSchema,
    content: safeText().min(1).max(500_000).optional(),
    idempotencyKey: idempotencyKeySchema.optional(),
  })
  .refine((input) => input.content === undefined || input.resolution === "accept", {
    path: ["content"],
    message: "content is the person's resolution of the merge: send it only with resolution accept",
  });
export type ResolveMergeInput = z.infer<typeof resolveMergeInputSchema>;
