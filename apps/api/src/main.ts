import { ConfigError, loadConfig } from "./config.ts";
import { createServer } from "./server.ts";

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

const server = createServer(config);
try {
  await server.start();
} catch (error) {
  server.app.log.fatal({ err: error }, "failed to start");
  await server.stop().catch(() => {});
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  server.app.log.info({ signal }, "shutting down: finishing in-flight requests");
  const deadline = setTimeout(() => {
    server.app.log.error({ timeoutMs: config.shutdownTimeoutMs }, "shutdown deadline passed; exiting");
    process.exit(1);
  }, config.shutdownTimeoutMs);
  deadline.unref();
  await server.stop();
  process.exit(0);
}
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
