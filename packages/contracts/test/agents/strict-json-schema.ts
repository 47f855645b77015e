/**
 * Problems that would make a JSON schema unusable for OpenAI-style strict structured outputs:
 * an object whose properties are not all required, one that allows extra properties, or a
 * default the model would be expected to fill in.
 */
export function strictModeProblems(schema: unknown, path = "#"): string[] {
  if (Array.isArray(schema))
    return schema.flatMap((item, index) => strictModeProblems(item, `${path}/${index}`));
  if (typeof schema !== "object" || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const problems: string[] = [];
  if ("default" in node) problems.push(`${path}: has a default`);
  if (node.type === "object" || "properties" in node) {
    const properties = Object.keys((node.properties as Record<string, unknown> | undefined) ?? {});
    const required = (node.required as string[] | undefined) ?? [];
    for (const property of properties) {
      if (!required.includes(property)) problems.push(`${path}/properties/${property}: not required`);
    }
    if (node.additionalProperties !== false) problems.push(`${path}: additionalProperties is not false`);
  }
  for (const [key, value] of Object.entries(node))
    problems.push(...strictModeProblems(value, `${path}/${key}`));
  return problems;
}
