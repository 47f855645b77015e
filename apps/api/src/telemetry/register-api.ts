// Preload of the API process: `node --import ./src/telemetry/register-api.ts src/main.ts`.
// It has to run before main.ts imports anything: instrumentation patches node:http and ioredis as
// they are loaded, and ESM evaluates main.ts's whole import graph before its first line.
import { bootstrapTelemetry } from "./bootstrap.ts";

await bootstrapTelemetry("jeex-api");
