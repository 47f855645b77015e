import type { DevCredentials } from "./api-server.ts";

// What the global setup hands to every test file through vitest's provide/inject.
declare module "vitest" {
  export interface ProvidedContext {
    /** The shared API (template provider) and its demo owner's credentials. */
    api: { url: string; credentials: DevCredentials };
  }
}
