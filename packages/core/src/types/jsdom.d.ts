/**
 * Minimal types for `jsdom`: only what the Mermaid parser needs (a window). `@types/jsdom` is not
 * used because it pulls the DOM lib into every program that compiles the core, and the DOM's
 * `fetch`, `Blob` and `Uint8Array` types then clash with Node's in the API's own code.
 */
declare module "jsdom" {
  export class JSDOM {
    constructor(html?: string);
    readonly window: object;
  }
}
