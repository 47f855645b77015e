export * from "./cancel.ts";
export * from "./estimate.ts";
export * from "./execute-step.ts";
export * from "./executions.ts";
export * from "./lifecycle.ts";
export * from "./request-step.ts";
export * from "./trace-context.ts";
