export * from "./create-rate-limits.ts";
export * from "./failed-authentications.ts";
export * from "./rate-limits.ts";
export * from "./subscription-slots.ts";
