import type { ParseArgsOptionsConfig } from "node:util";
import type { ConfigLocationEnv } from "./config-file.ts";
import type { ExitCode } from "./exit-codes.ts";
import type { Output } from "./output.ts";

/** The environment variables the CLI reads (picked from process.env in main.ts only). */
export interface CliEnvironment extends ConfigLocationEnv {
  JEEX_URL?: string | undefined;
  JEEX_API_KEY?: string | undefined;
  JEEX_TENANT_ID?: string | undefined;
}

export interface CommandContext {
  out: Output;
  env: CliEnvironment;
  /** Aborted on Ctrl-C: long waits stop and say what keeps running on the server. */
  signal: AbortSignal;
  fetch: typeof globalThis.fetch;
  /** The server in use, once known, so "unreachable" errors can name it. */
  server?: string;
}

export interface Command {
  /** The words that select it, e.g. `["projects", "list"]`. */
  path: readonly string[];
  usage: string;
  summary: string;
  /** Its own flags (globals are added by parseCommandArgs); also tells the dispatcher which flags take values. */
  options: ParseArgsOptionsConfig;
  /** `argv` is everything after the command words; a command may end with a non-zero status of its own. */
  // biome-ignore lint/suspicious/noConfusingVoidType: most commands return nothing (Promise<void>); `check` returns its status.
  run(context: CommandContext, argv: string[]): Promise<ExitCode | void>;
}
