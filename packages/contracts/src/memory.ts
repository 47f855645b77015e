import { z } from "zod";
import { idSchema, safeText } from "./common.ts";

/** The kinds of document the workflow writes; memory hits carry one and `types` filters on them. */
export const documentKinds = ["about", "architecture", "adr", "plan-overview", "plan-epic", "specs"] as const;
export const documentKindSchema = z.enum(documentKinds);
export type DocumentKind = z.infer<typeof documentKindSchema>;

export const memorySearchInputSchema = z.strictObject({
  projectId: idSchema,
  query: safeText().trim().min(1, "query must not be empty").max(2_000),
  limit: z.number().int().min(1).max(50).default(10),
  /** Only chunks of these document kinds; all kinds when absent. */
  types: z.array(documentKindSchema).min(1).max(documentKinds.length).optional(),
});
export type MemorySearchInput = z.infer<typeof memorySearchInputSchema>;

/** One chunk of an active document version, with its cosine similarity to the query. */
export const memoryHitSchema = z.object({
  text: z.string(),
  score: z.number(),
  /** Path inside the export, e.g. `docs/architecture.md`. */
  path: z.string(),
  version: z.number().int(),
  documentId: idSchema,
  /** The chunk's heading path, e.g. `Architecture > Decisions`. */
  heading: z.string(),
  type: z.string(),
});
export type MemoryHit = z.infer<typeof memoryHitSchema>;

export const memorySearchOutputSchema = z.object({ hits: z.array(memoryHitSchema) });
export type MemorySearchOutput = z.infer<typeof memorySearchOutputSchema>;
