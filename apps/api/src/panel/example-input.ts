/** The JSON Schema subset that zod 4's `z.toJSONSchema` emits for our inputs. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

const EXAMPLE_STRINGS: Record<string, string> = {
  uuid: "00000000-0000-4000-8000-000000000000",
  email: "someone@example.test",
  uri: "https://example.test/",
  url: "https://example.test/",
  "date-time": "2026-01-01T00:00:00.000Z",
  date: "2026-01-01",
};

function exampleString(schema: JsonSchema): string {
  const known = schema.format ? EXAMPLE_STRINGS[schema.format] : undefined;
  if (known) return known;
  let text = "example";
  while (text.length < (schema.minLength ?? 0)) text += " text";
  return text;
}

/**
 * A value to prefill the panel's editor: required properties plus those with a default, each
 * filled with its default, first enum value, a format-shaped string, or a minimal value. It is a
 * starting point for a developer, not a guarantee of validity (patterns are not honoured).
 */
export function exampleFromJsonSchema(schema: JsonSchema, depth = 0): unknown {
  if (depth > 8) return null;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  // An object's own default is usually `{}`; its properties say more.
  if (schema.default !== undefined && type !== "object") return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const option = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (option) return exampleFromJsonSchema(option, depth + 1);
  if (schema.allOf?.length) {
    return Object.assign({}, ...schema.allOf.map((part) => exampleFromJsonSchema(part, depth + 1)));
  }
  switch (type) {
    case "object": {
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties ?? {})
        .filter(([name, property]) => required.has(name) || property.default !== undefined)
        .map(([name, property]) => [name, exampleFromJsonSchema(property, depth + 1)]);
      return Object.fromEntries(entries);
    }
    case "array": {
      const item = schema.items ? exampleFromJsonSchema(schema.items, depth + 1) : null;
      return schema.minItems ? Array.from({ length: schema.minItems }, () => item) : [];
    }
    case "string":
      return exampleString(schema);
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return false;
    default:
      return null;
  }
}
