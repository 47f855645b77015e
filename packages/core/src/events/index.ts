export * from "./abort-listeners.ts";
export * from "./event-ids.ts";
export * from "./fanout.ts";
export * from "./guard-stream.ts";
export * from "./memory-event-log.ts";
export * from "./port.ts";
export * from "./redis-event-log.ts";
export * from "./shared-checks.ts";
