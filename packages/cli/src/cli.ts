import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { globalOptions } from "./args.ts";
import type { CliEnvironment, Command, CommandContext } from "./command.ts";
import { checkCommand } from "./commands/check.ts";
import { docsShowCommand } from "./commands/docs-show.ts";
import { exportCommand } from "./commands/export.ts";
import { loginCommand } from "./commands/login.ts";
import { planCommand } from "./commands/plan.ts";
import { projectsCreateCommand, projectsListCommand } from "./commands/projects.ts";
import { type CliError, UsageError } from "./errors.ts";
import { ExitCode } from "./exit-codes.ts";
import { commandHelp, generalHelp } from "./help.ts";
import { Output, type Streams } from "./output.ts";
import { toCliError } from "./server-errors.ts";

export const commands: readonly Command[] = [
  loginCommand,
  projectsListCommand,
  projectsCreateCommand,
  planCommand,
  docsShowCommand,
  checkCommand,
  exportCommand,
];

export interface CliRuntime {
  argv: string[];
  env: CliEnvironment & { JEEX_DEBUG?: string | undefined };
  streams: Streams;
  signal: AbortSignal;
  fetch: typeof globalThis.fetch;
}

interface Located {
  command: Command | undefined;
  /** The command words that were given, matched or not. */
  words: string[];
  /** argv without the command words. */
  rest: string[];
  help: boolean;
  json: boolean;
}

/**
 * Finds the command words among the arguments wherever the flags are. Every command's options are
 * known here, so a flag's value is never mistaken for a command word.
 */
function locate(argv: string[]): Located {
  const allOptions: ParseArgsOptionsConfig = { ...globalOptions };
  for (const command of commands) Object.assign(allOptions, command.options);
  const { tokens, values } = parseArgs({
    args: argv,
    options: allOptions,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const positionals = tokens.filter((token) => token.kind === "positional");
  const words = positionals.map((token) => token.value);
  const command = commands.find((candidate) => candidate.path.every((word, i) => words[i] === word));
  const used = new Set(positionals.slice(0, command?.path.length ?? 0).map((token) => token.index));
  return {
    command,
    words,
    rest: argv.filter((_, index) => !used.has(index)),
    help: values.help === true,
    json: values.json === true,
  };
}

function unknownCommand(words: string[]): UsageError {
  const group = commands.filter((command) => command.path[0] === words[0]);
  if (words.length > 0 && group.length > 0) {
    return new UsageError(
      `${words.join(" ")}: expected one of: ${group.map((c) => c.path.join(" ")).join(", ")}`,
    );
  }
  return new UsageError(words.length ? `unknown command: ${words.join(" ")}` : "no command given");
}

function report(error: CliError, out: Output, runtime: CliRuntime, command: Command | undefined) {
  if (out.json) {
    const { code, message, exitCode, details } = error;
    out.result({ error: { code, message, exitCode, ...details } }, "");
  }
  // The request id lets the server's operators find the log line; JSON has it as a field.
  const requestId = error.details?.requestId;
  out.note(`jeex: ${error.message}${typeof requestId === "string" ? ` (request ${requestId})` : ""}`);
  if (error.exitCode === ExitCode.usage) {
    out.note(command ? commandHelp(command).trimEnd() : "run jeex --help for the commands");
  }
  if (error.exitCode === ExitCode.unexpected) {
    const cause = error.cause instanceof Error ? error.cause : error;
    out.note(runtime.env.JEEX_DEBUG ? String(cause.stack) : "(set JEEX_DEBUG=1 for the stack trace)");
  }
}

/** Runs one command line and returns the exit code; nothing here touches `process`. */
export async function runCli(runtime: CliRuntime): Promise<ExitCode> {
  let located: Located;
  try {
    located = locate(runtime.argv);
  } catch (error) {
    report(new UsageError((error as Error).message), new Output(runtime.streams, false), runtime, undefined);
    return ExitCode.usage;
  }
  const out = new Output(runtime.streams, located.json);
  const { command } = located;

  if (located.help) {
    runtime.streams.stdout.write(command ? commandHelp(command) : generalHelp(commands));
    return ExitCode.ok;
  }
  if (!command) {
    if (located.words.length === 0) runtime.streams.stderr.write(generalHelp(commands));
    report(unknownCommand(located.words), out, runtime, undefined);
    return ExitCode.usage;
  }

  const context: CommandContext = { out, env: runtime.env, signal: runtime.signal, fetch: runtime.fetch };
  try {
    return (await command.run(context, located.rest)) ?? ExitCode.ok;
  } catch (error) {
    const failure = toCliError(error, context.server);
    report(failure, out, runtime, command);
    return failure.exitCode;
  }
}
