export * from "./actor.ts";
export * from "./service.ts";
