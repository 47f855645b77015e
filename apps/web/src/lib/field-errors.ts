import { describeError } from "./trpc-error.ts";

/**
 * A failed mutation's field issues keyed by field (`name`, `members.0.email`), for a form to show
 * each message under its control. The server names paths from the input's root, sometimes with
 * an `input.` prefix; the first issue of a field wins.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of describeError(error).issues) {
    const field = issue.path.replace(/^input\.?/, "");
    byField[field] ??= issue.message;
  }
  return byField;
}
