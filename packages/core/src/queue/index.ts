export * from "./bullmq.ts";
export * from "./in-process.ts";
export * from "./port.ts";
export * from "./step-jobs.ts";
