import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Starts the real API once on embedded PGlite; the tests run the jeex binary against it.
    globalSetup: ["test/support/global-setup.ts"],
    // Quiet, a whole plan takes ~4 s; CI runs this beside the API's suite on two cores, where
    // the same plan was seen taking 44 s (and a run past 60 s failed CI). Limits, not targets.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
