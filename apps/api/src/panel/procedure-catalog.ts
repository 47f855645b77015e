import type { ProcedureAccess } from "@jeex/trpc/meta";
import type { AnyTRPCRouter, TRPCProcedureType } from "@trpc/server";
import { z } from "zod";
import { procedureTable } from "../procedure-table.ts";
import { exampleFromJsonSchema, type JsonSchema } from "./example-input.ts";

/** One procedure as the panel shows it. */
export interface ProcedureDescription {
  path: string;
  /** The first path segment: the panel groups procedures by it. */
  namespace: string;
  type: TRPCProcedureType;
  /** Who may call it, as its procedure tier stamped it (`meta.access`); null when nothing did. */
  access: ProcedureAccess | null;
  /** JSON Schema of the input as a client sends it; null when the procedure takes no input. */
  inputSchema: JsonSchema | null;
  /** Editor prefill; undefined when there is no input to send. */
  example?: unknown;
  /** Why the schema is missing or approximate (parts zod cannot express in JSON Schema). */
  inputSchemaNote?: string;
}

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === "object" && value !== null && "_zod" in value;
}

function toJsonSchema(schema: z.ZodType, unrepresentable: "throw" | "any"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable });
  return rest as JsonSchema;
}

function describeInput(inputs: unknown[]): Pick<ProcedureDescription, "inputSchema" | "inputSchemaNote"> {
  if (inputs.length === 0) return { inputSchema: null };
  if (!inputs.every(isZodSchema)) {
    return { inputSchema: null, inputSchemaNote: "an input parser is not a zod schema" };
  }
  // Chained .input() calls are merged by tRPC, so the client sends one value satisfying all.
  const [first, ...rest] = inputs as [z.ZodType, ...z.ZodType[]];
  const schema = rest.reduce<z.ZodType>((merged, next) => z.intersection(merged, next), first);
  try {
    return { inputSchema: toJsonSchema(schema, "throw") };
  } catch (strictError) {
    // Transforms, dates, custom checks: show what can be shown, and say what was lost.
    const note = `partly representable: ${(strictError as Error).message}`;
    try {
      return { inputSchema: toJsonSchema(schema, "any"), inputSchemaNote: note };
    } catch (error) {
      return { inputSchema: null, inputSchemaNote: `not representable: ${(error as Error).message}` };
    }
  }
}

/** Every procedure of the router with its access rule and input, sorted by path. One bad schema never hides the rest. */
export function describeProcedures(router: AnyTRPCRouter): ProcedureDescription[] {
  return procedureTable(router).map(([path, definition]) => {
    const input = describeInput(definition.inputs);
    return {
      path,
      namespace: path.split(".")[0] ?? path,
      type: definition.type,
      access: definition.meta?.access ?? null,
      ...input,
      ...(input.inputSchema ? { example: exampleFromJsonSchema(input.inputSchema) } : {}),
    };
  });
}
