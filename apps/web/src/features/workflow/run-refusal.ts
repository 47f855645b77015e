import { describeError } from "../../lib/trpc-error.ts";

/**
 * The heading over a refused run, by the server's app code; the server's own message (with the
 * budget left or the seconds to wait) follows it in the error view.
 */
export function runRefusalTitle(error: unknown): string {
  switch (describeError(error).appCode) {
    case "QUOTA_EXCEEDED":
      return "The monthly token budget does not cover this run";
    case "RATE_LIMITED":
      return "Too many runs in a short time";
    case "FORBIDDEN":
      return "Your role may not run steps";
    case "PRECONDITION_FAILED":
      return "This step cannot run yet";
    case "CONFLICT":
      return "This step is already running";
    default:
      return "The step did not start";
  }
}
