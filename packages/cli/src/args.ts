import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { idSchema } from "@jeex/contracts/common";
import { UsageError } from "./errors.ts";

/** Accepted by every command, anywhere on the line. */
export const globalOptions = {
  json: { type: "boolean" },
  url: { type: "string" },
  "api-key": { type: "string" },
  tenant: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsOptionsConfig;

export interface GlobalFlags {
  json?: boolean | undefined;
  url?: string | undefined;
  "api-key"?: string | undefined;
  tenant?: string | undefined;
}

/** Strict parsing of one command's flags plus the globals; any mistake is a usage error (exit 2). */
export function parseCommandArgs<const Options extends ParseArgsOptionsConfig>(
  argv: string[],
  options: Options,
  positionals: { max: number } = { max: 0 },
) {
  const parsed = usageErrorOnThrow(() =>
    parseArgs({
      args: argv,
      options: { ...globalOptions, ...options },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (parsed.positionals.length > positionals.max) {
    throw new UsageError(`unexpected argument: ${parsed.positionals[positionals.max]}`);
  }
  return parsed;
}

function usageErrorOnThrow<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function requireFlag(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === "") throw new UsageError(`--${flag} is required`);
  return value;
}

/** Project ids are UUIDs; checking here gives a usage error instead of a server round trip. */
export function requireProjectId(value: string | undefined): string {
  const id = requireFlag(value, "project");
  if (!idSchema.safeParse(id).success) {
    throw new UsageError(`--project must be a project id (a UUID), got "${id}"`);
  }
  return id;
}
