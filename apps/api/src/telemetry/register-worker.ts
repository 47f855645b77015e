// Preload of the step worker: `node --import ./src/telemetry/register-worker.ts src/worker.ts`.
// Same as register-api.ts, with the worker's default service name.
import { bootstrapTelemetry } from "./bootstrap.ts";

await bootstrapTelemetry("jeex-worker");
