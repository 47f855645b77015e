import { ConfigError, loadConfig } from "./config.ts";
import { logStrayRejections } from "./process-guards.ts";
import { createServer } from "./server.ts";
import { stopOnSignals } from "./stop-on-signals.ts";
import { describeTelemetry } from "./telemetry/status.ts";

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

let server: ReturnType<typeof createServer>;
try {
  server = createServer(config);
} catch (error) {
  // Refusals at construction (e.g. the development identity provider in production) are
  // configuration problems: say so plainly, without a stack trace.
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
const telemetry = describeTelemetry(config.telemetry, "./src/telemetry/register-api.ts");
server.app.log[telemetry.level](telemetry.message);
logStrayRejections(server.app.log);
try {
  await server.start();
} catch (error) {
  server.app.log.fatal({ err: error }, "failed to start");
  await server.stop().catch(() => {});
  process.exit(1);
}

stopOnSignals({
  log: server.app.log,
  message: "shutting down: finishing in-flight requests",
  stop: () => server.stop(),
  deadlineMs: config.shutdownTimeoutMs,
});
