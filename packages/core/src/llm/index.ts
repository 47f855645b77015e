export * from "./cost-model.ts";
export * from "./provider-config.ts";
export * from "./template.ts";
export * from "./token-count.ts";
