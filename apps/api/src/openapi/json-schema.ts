import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

export function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === "object" && value !== null && "_zod" in value;
}

/**
 * A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), for the side of the wire given:
 * `input` is what a caller may send (defaults optional), `output` what the server answers.
 * Parts JSON Schema cannot express (transforms, refinements) become unconstrained, never an error.
 */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
  });
  return rest;
}

/** Chained `.input()` calls are merged by tRPC, so a caller sends one value satisfying all of them. */
export function mergedInput(inputs: readonly unknown[]): z.ZodType | undefined {
  const schemas = inputs.filter(isZodSchema);
  const [first, ...rest] = schemas;
  return first && rest.reduce<z.ZodType>((merged, next) => z.intersection(merged, next), first);
}
