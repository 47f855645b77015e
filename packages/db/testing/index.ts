export * from "./databases.ts";
export * from "./event-loop-turns.ts";
export * from "./free-port.ts";
export * from "./openai-server.ts";
export * from "./quick-resilience.ts";
export * from "./redis-server.ts";
export * from "./tcp-proxy.ts";
