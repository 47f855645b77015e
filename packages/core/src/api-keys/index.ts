export * from "./cache.ts";
export * from "./issue.ts";
export * from "./service.ts";
export * from "./verify.ts";
