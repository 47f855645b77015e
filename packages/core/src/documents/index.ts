export * from "./confirm.ts";
export * from "./readability.ts";
export * from "./resolve-merge.ts";
export * from "./service.ts";
