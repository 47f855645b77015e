import { ExitCode } from "./exit-codes.ts";

/**
 * An expected failure: printed as one clear message (never a stack trace) and ended with its
 * exit code. `code` is the server's or the run's error code when there is one.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly code: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    message: string,
    exitCode: ExitCode,
    options: { code?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "CliError";
    this.exitCode = exitCode;
    this.code = options.code;
    this.details = options.details;
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.usage, { code: "USAGE" });
    this.name = "UsageError";
  }
}

export const notLoggedIn = () =>
  new CliError(
    "not logged in: run `jeex login --url <url> --api-key <key>`, or set JEEX_URL and JEEX_API_KEY",
    ExitCode.unauthenticated,
    { code: "NOT_LOGGED_IN" },
  );

export const interrupted = (message = "interrupted") =>
  new CliError(message, ExitCode.interrupted, { code: "INTERRUPTED" });
