import type { FieldIssue } from "@jeex/contracts/errors";

// zod's own English for a length rule the schema gave no message of its own (`min(1)` on a key's
// name): "Too small: expected string to have >=1 characters" reads as a stack trace under a field.
const stringLength = /^Too (small|big): expected string to have (>=|<=)(\d+) characters?$/;

/**
 * A field issue's message as a sentence a person reads under the field: zod's default length
 * messages said plainly, and the contracts' terse ones ("name must not be empty") capitalised and
 * ended with a full stop, like the messages the forms write themselves.
 */
export function readableIssueMessage(issue: Pick<FieldIssue, "message">): string {
  const length = stringLength.exec(issue.message);
  if (length) {
    const limit = Number(length[3]);
    if (length[2] === ">=") return limit === 1 ? "Required." : `At least ${limit} characters.`;
    return `At most ${limit} characters.`;
  }
  const message = issue.message.trim();
  if (message === "") return "Not valid.";
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
