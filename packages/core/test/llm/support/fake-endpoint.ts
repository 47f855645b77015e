import { type FakeOpenAiServer, startFakeOpenAiServer } from "@jeex/db/testing";
import { it as plainIt } from "vitest";

/** `it` whose tests that name `server` get a fresh fake OpenAI-compatible endpoint, closed after them. */
export const it = plainIt.extend<{ server: FakeOpenAiServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern; it has none.
  server: async ({}, use) => {
    const server = await startFakeOpenAiServer();
    await use(server);
    await server.close();
  },
});
