export * from "./build-pack.ts";
export * from "./download-links.ts";
export * from "./export-jobs.ts";
export * from "./run-export.ts";
export * from "./service.ts";
