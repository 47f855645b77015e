/**
 * The server's `CSRF_HEADER` (packages/trpc/src/context.ts), copied rather than imported so no
 * server module is bundled for the browser; `csrf-header.test.ts` keeps the two equal.
 */
export const csrfHeader = "x-jeex-csrf";
