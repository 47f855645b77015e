export * from "./access-tokens.ts";
export * from "./authenticate.ts";
export * from "./me.ts";
export * from "./principal.ts";
export * from "./roles.ts";
export * from "./sessions.ts";
