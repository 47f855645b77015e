import type { Command } from "./command.ts";
import { exitCodeTable } from "./exit-codes.ts";

const globalFlags = [
  ["--json", "machine-readable JSON on stdout only; progress stays on stderr (a bar only on a terminal)"],
  ["--url <url>", "server URL (overrides JEEX_URL and the saved login)"],
  ["--api-key <key>", "API key (overrides JEEX_API_KEY and the saved login)"],
  ["--tenant <id>", "act in this tenant (overrides JEEX_TENANT_ID and the saved login)"],
  ["-h, --help", "show help; after a command, that command's usage"],
] as const;

const environment = [
  ["JEEX_URL, JEEX_API_KEY", "used when the flags are absent; they win over the saved login"],
  ["JEEX_TENANT_ID", "the tenant, when --tenant is absent"],
  ["JEEX_CONFIG_DIR", "where login saves config.json (default $XDG_CONFIG_HOME/jeex or ~/.config/jeex)"],
  ["JEEX_DEBUG=1", "print the stack trace of unexpected errors (exit 1)"],
] as const;

const table = (rows: readonly (readonly [string | number, string])[], width: number) =>
  rows.map(([left, right]) => `  ${String(left).padEnd(width)}${right}`);

export function generalHelp(commands: readonly Command[]): string {
  return [
    "jeex: turn a software idea into a documentation pack with the JEEX Plan agents",
    "",
    "Usage:",
    ...commands.flatMap((command) => [`  ${command.usage}`, `      ${command.summary}`]),
    "",
    "Global flags:",
    ...table(globalFlags, 18),
    "",
    "Environment:",
    ...table(environment, 24),
    "",
    "Exit codes:",
    ...table(exitCodeTable, 6),
    "",
  ].join("\n");
}

export const commandHelp = (command: Command) =>
  `usage: ${command.usage}\n  ${command.summary}\n  (global flags: --json, --url, --api-key, --tenant; see jeex --help)\n`;
