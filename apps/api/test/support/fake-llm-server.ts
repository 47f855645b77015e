import type { Database } from "@jeex/db/client";
import type { DatabaseTarget } from "@jeex/db/testing";
import { type Reply, startFakeOpenAiServer } from "@jeex/db/testing";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startTestServer, type TestServer } from "./server.ts";

export type FakeLlm = Awaited<ReturnType<typeof startFakeOpenAiServer>>;

/** The server's variables for calling a fake OpenAI-compatible endpoint as `model`, without retries. */
export const fakeLlmEnv = (llm: { baseUrl: string }, model: string) => ({
  LLM_PROVIDER: "openai-compatible",
  LLM_BASE_URL: llm.baseUrl,
  LLM_MODEL: model,
  LLM_RETRIES: "0",
});

/**
 * The suite's database on `target`; each test starts its own fake OpenAI-compatible endpoint and a
 * server using it (`start`), both stopped after that test, since every test scripts other answers.
 */
export function useServerOnFakeLlm(target: DatabaseTarget) {
  let db: Database | undefined;
  let llm: FakeLlm | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    db = await target.open();
  });
  afterEach(async () => {
    await server?.stop();
    await llm?.close();
  });
  afterAll(() => db?.close());
  const openDb = () => {
    if (!db) throw new Error("useServerOnFakeLlm: read it inside a hook or test, after its beforeAll");
    return db;
  };
  return {
    get db() {
      return openDb();
    },
    /** The endpoint answers `replies` in order; the server calls it without retries, `env` added. */
    async start(replies: Reply[], env: Record<string, string> = {}) {
      llm = await startFakeOpenAiServer({ replies });
      server = await startTestServer(openDb(), {
        RATE_LIMITS_ENABLED: "false",
        ...fakeLlmEnv(llm, "small-model"),
        ...env,
      });
      return { llm, server };
    },
  };
}
