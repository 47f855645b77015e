// A process that ends the way the API and the worker do (stopOnSignals), for the signal tests:
// `node stop-on-signals-process.ts <stop takes ms> <deadline ms>`. Every step is a stdout line.
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { stopOnSignals } from "../../src/stop-on-signals.ts";
import { recordTelemetryStatus } from "../../src/telemetry/status.ts";

const [stopMs = 0, deadlineMs = 0] = process.argv.slice(2).map(Number);
// Synchronous writes: pino's default asynchronous stdout can reorder the last lines of an exiting process.
const log = pino({ base: null, timestamp: false }, pino.destination({ dest: 1, sync: true }));
recordTelemetryStatus({ sdkRunning: true, shutdown: async () => log.info("telemetry flushed") });

let stops = 0;
stopOnSignals({
  log,
  message: "stopping",
  deadlineMs,
  stop: async () => {
    stops++;
    log.info(`stop ${stops} started`);
    await sleep(stopMs);
    log.info(`stop ${stops} finished`);
  },
});
// Work in hand keeps the process alive until it is stopped, as a server's listener does.
setInterval(() => {}, 1_000);
log.info("ready");
