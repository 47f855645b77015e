import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const jeexBin = fileURLToPath(new URL("../../src/main.ts", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts the real `jeex` binary as a child process. The environment is built from scratch so no
 * JEEX_* variable or login of the machine running the tests leaks in.
 */
export function startJeex(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [jeexBin, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: tmpdir(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output.stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output.stderr += chunk;
  });
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, ...output }));
  });
  return { child, output, done };
}

export const runJeex = (args: string[], env: Record<string, string> = {}): Promise<CliRun> =>
  startJeex(args, env).done;

/** A user of the CLI with their own (initially empty) config dir. */
export function cliUser(extraEnv: Record<string, string> = {}) {
  const configDir = join(mkdtempSync(join(tmpdir(), "jeex-cli-user-")), "jeex");
  const env = { JEEX_CONFIG_DIR: configDir, ...extraEnv };
  return {
    configDir,
    configPath: join(configDir, "config.json"),
    run: (...args: string[]) => runJeex(args, env),
    start: (...args: string[]) => startJeex(args, env),
    /** Runs with --json and parses stdout; fails the test with stderr when stdout is not JSON. */
    async json<T>(...args: string[]): Promise<{ code: number | null; body: T; stderr: string }> {
      const result = await runJeex([...args, "--json"], env);
      try {
        return { code: result.code, body: JSON.parse(result.stdout) as T, stderr: result.stderr };
      } catch {
        throw new Error(
          `stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`,
        );
      }
    },
  };
}
