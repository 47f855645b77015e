export * from "./agent.ts";
export * from "./registry.ts";
