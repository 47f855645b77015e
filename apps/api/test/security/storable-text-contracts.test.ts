import { appRouter } from "@jeex/trpc/router";
import { describe, expect, it } from "vitest";
import { z } from "zod";

// Every free-text string a procedure accepts must refuse U+0000 (Postgres stores it in neither
// text nor jsonb), so a new field that forgets the shared `safeText()` schema fails here, not in
// production with a 500.

type FlatProcedures = Record<string, { _def: { inputs: unknown[] } }>;
interface JsonSchema {
  type?: string | string[];
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}
type Path = (string | number)[];
interface TextField {
  path: Path;
  /** A length the field's own bounds allow, so only the NUL can be what is refused. */
  length: number;
}

const isZod = (value: unknown): value is z.ZodType =>
  typeof value === "object" && value !== null && "_zod" in value;

/** Every string the input's JSON Schema (as a client sends it) describes. */
function textFields(schema: JsonSchema, at: Path = []): TextField[] {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const length = Math.min(Math.max(schema.minLength ?? 0, 12), schema.maxLength ?? 12);
  const found: TextField[] = types.includes("string") ? [{ path: at, length }] : [];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    found.push(...textFields(child, [...at, name]));
  }
  if (schema.items) found.push(...textFields(schema.items, [...at, 0]));
  for (const option of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    found.push(...textFields(option, at));
  }
  return found;
}

/** An input that is `text` at `path` and nothing else. */
function inputWith(path: Path, text: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return text;
  return typeof head === "number" ? [inputWith(rest, text)] : { [head]: inputWith(rest, text) };
}

const issuesAt = (schema: z.ZodType, path: Path, text: string) =>
  (schema.safeParse(inputWith(path, text)).error?.issues ?? []).filter(
    (issue) => issue.path.join(".") === path.join("."),
  );

const fields = Object.entries(appRouter._def.procedures as unknown as FlatProcedures).flatMap(
  ([name, procedure]) => {
    const [first, ...rest] = procedure._def.inputs.filter(isZod);
    if (!first) return [];
    const schema = rest.reduce<z.ZodType>((merged, next) => z.intersection(merged, next), first);
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const unique = new Map(textFields(json).map((field) => [field.path.join("."), field]));
    return [...unique.values()].map((field) => ({
      label: `${name}: ${field.path.join(".")}`,
      schema,
      ...field,
    }));
  },
);

describe("every text input refuses what Postgres cannot store", () => {
  it("finds the text inputs to check", () => {
    expect(fields.map((field) => field.label)).toEqual(
      expect.arrayContaining([
        "projects.create: name",
        "documents.saveEdit: content",
        "memory.search: query",
      ]),
    );
  });

  it.each(fields.map((field) => [field.label, field] as const))(
    "%s refuses a NUL character",
    (_label, field) => {
      const plain = "a".repeat(field.length);
      // Ids, enums and patterned strings refuse plain text as well: no free text reaches Postgres there.
      if (issuesAt(field.schema, field.path, plain).length > 0) return;
      const withNul = `${plain.slice(0, -1)}\u0000`;
      expect(
        issuesAt(field.schema, field.path, withNul),
        "a NUL here would reach Postgres: build the field on safeText() from @jeex/contracts/common",
      ).not.toEqual([]);
    },
  );
});
