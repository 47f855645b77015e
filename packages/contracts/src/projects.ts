import { z } from "zod";
import {
  idempotencyKeySchema,
  idSchema,
  pageSchema,
  paginationInputSchema,
  safeText,
  timestampSchema,
} from "./common.ts";

const projectName = safeText().trim().min(1, "name must not be empty").max(200);
const projectDescription = safeText().trim().max(5000);
/** BCP-47-ish tag for the language documents are written in. */
const languageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "expected a language tag such as en or pt-BR");

export const projectSchema = z.object({
  id: idSchema,
  tenantId: idSchema,
  name: z.string(),
  description: z.string(),
  language: z.string(),
  createdBy: idSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Project = z.infer<typeof projectSchema>;

export const createProjectInputSchema = z.strictObject({
  name: projectName,
  description: projectDescription.default(""),
  language: languageTag.default("en"),
  idempotencyKey: idempotencyKeySchema.optional(),
});
export type CreateProjectInput = z.infer<typeof createProjectInputSchema>;

export const projectIdInputSchema = z.strictObject({ projectId: idSchema });
export type ProjectIdInput = z.infer<typeof projectIdInputSchema>;

export const updateProjectInputSchema = z
  .strictObject({
    projectId: idSchema,
    name: projectName.optional(),
    description: projectDescription.optional(),
    language: languageTag.optional(),
  })
  .refine((input) => [input.name, input.description, input.language].some((v) => v !== undefined), {
    message: "give at least one of name, description, language",
  });
export type UpdateProjectInput = z.infer<typeof updateProjectInputSchema>;

export const listProjectsInputSchema = paginationInputSchema
  .extend({ search: safeText().trim().max(200).optional() })
  // An omitted input means "first page, default size"; prefault runs the inner defaults.
  .prefault({});
export type ListProjectsInput = z.infer<typeof listProjectsInputSchema>;

export const projectPageSchema = pageSchema(projectSchema);

export const deleteProjectOutputSchema = z.object({ projectId: idSchema, deleted: z.literal(true) });
export type DeleteProjectOutput = z.infer<typeof deleteProjectOutputSchema>;
