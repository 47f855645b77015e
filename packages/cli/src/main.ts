#!/usr/bin/env node
import { runCli } from "./cli.ts";
import { ExitCode } from "./exit-codes.ts";

// The only module that touches `process`: arguments, environment, signals and the exit code.

const GRACE_AFTER_INTERRUPT_MS = 1_000;

const interrupt = new AbortController();
process.on("SIGINT", () => {
  if (interrupt.signal.aborted) process.exit(ExitCode.interrupted);
  // Waits end at once and say what keeps running on the server; anything else gets a moment.
  interrupt.abort();
  setTimeout(() => {
    process.stderr.write("jeex: interrupted\n");
    process.exit(ExitCode.interrupted);
  }, GRACE_AFTER_INTERRUPT_MS).unref();
});

const { JEEX_URL, JEEX_API_KEY, JEEX_TENANT_ID, JEEX_CONFIG_DIR, JEEX_DEBUG, XDG_CONFIG_HOME, HOME } =
  process.env;

const exitCode = await runCli({
  argv: process.argv.slice(2),
  env: { JEEX_URL, JEEX_API_KEY, JEEX_TENANT_ID, JEEX_CONFIG_DIR, JEEX_DEBUG, XDG_CONFIG_HOME, HOME },
  streams: { stdout: process.stdout, stderr: process.stderr },
  signal: interrupt.signal,
  fetch: globalThis.fetch,
});

// Exit explicitly once stdout is flushed: an idle keep-alive socket must not hold the shell.
process.stdout.write("", () => process.exit(exitCode));
