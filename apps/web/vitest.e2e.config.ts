import { defineConfig } from "vitest/config";

/**
 * The end-to-end suite: the built app served by a real API (embedded defaults), driven in
 * Debian's Chromium. Files run one at a time — each starts a server and a browser, and the
 * machine is small — with timeouts for a first page load and a sign-in round trip.
 */
export default defineConfig({
  test: {
    name: "e2e",
    environment: "node",
    include: ["test/e2e/**/*.e2e.test.ts", "test/build/**/*.test.ts"],
    globalSetup: ["test/e2e/support/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
