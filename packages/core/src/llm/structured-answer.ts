import type { FieldIssue } from "@jeex/contracts/errors";
import type { ZodType } from "zod";

export type CheckedAnswer<Output> = { ok: true; output: Output } | { ok: false; issues: FieldIssue[] };

export interface RawAnswer {
  content: string | null | undefined;
  refusal?: string | null | undefined;
  finishReason?: string | null | undefined;
}

/**
 * Parses a model's message content as JSON and validates it. Issue messages describe the problem
 * without quoting the answer, since they are recorded on failed executions.
 */
export function checkAnswer<Output>(answer: RawAnswer, schema: ZodType<Output>): CheckedAnswer<Output> {
  if (answer.refusal) return rootIssue("refusal", "the model refused to answer");
  if (!answer.content?.trim()) return rootIssue("empty", "the answer is empty");
  let value: unknown;
  try {
    value = JSON.parse(answer.content);
  } catch {
    const cutOff = answer.finishReason === "length" ? " (it was cut off at the token limit)" : "";
    return rootIssue("invalid_json", `the answer is not valid JSON${cutOff}`);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, output: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
      code: issue.code,
    })),
  };
}

const rootIssue = (code: string, message: string): CheckedAnswer<never> => ({
  ok: false,
  issues: [{ path: "", message, code }],
});

/** The one re-ask: names every problem by path so the model can fix just those. */
export function repairPrompt(schemaName: string, issues: FieldIssue[]): string {
  const lines = issues.map((issue) => `- ${issue.path || "(root)"}: ${issue.message}`);
  return [
    `Your previous answer does not satisfy the JSON schema "${schemaName}". Problems:`,
    ...lines,
    "Answer again with the complete, corrected JSON only.",
  ].join("\n");
}
