import type { Database } from "@jeex/db/client";
import { answer, startFakeOpenAiServer, status } from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oneDatabaseTarget } from "../security/support/database.ts";
import { validAboutOutput } from "../support/about-output.ts";
import { fakeLlmEnv } from "../support/fake-llm-server.ts";
import { projectWithProgress, runToExecution } from "../support/progress.ts";
import { clientFor, provisionMember, startTestServer } from "../support/server.ts";

const idea =
  "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking and reviews.";

/** Fault drill: the model endpoint goes down, the breaker opens, and the service recovers with it. */
describe("the LLM endpoint is down, then comes back", () => {
  let db: Database;

  beforeAll(async () => {
    db = await oneDatabaseTarget().open();
  });
  afterAll(() => db.close());

  it("executions fail with a clear error, then fail fast while the breaker is open, then succeed again", async () => {
    // Two failures open the breaker; the third answer (valid) is only reached after it half-opens.
    const llm = await startFakeOpenAiServer({
      replies: [status(500), status(500), answer(validAboutOutput(idea))],
    });
    const api = await startTestServer(db, {
      ...fakeLlmEnv(llm, "drill-model"),
      LLM_BREAKER_MIN_CALLS: "2",
      LLM_BREAKER_ERROR_PERCENT: "50",
      LLM_BREAKER_RESET_MS: "1500",
    });
    try {
      const member = await provisionMember(db, api.config, "editor");
      const client = clientFor(api.url, member);
      const { project, progress } = await projectWithProgress(client, "Outage");
      const run = () =>
        runToExecution(client, progress, { projectId: project.id, step: "about", input: { idea } });

      const first = await run();
      const second = await run();
      expect([first.error?.code, second.error?.code]).toEqual(["LLM_UNAVAILABLE", "LLM_UNAVAILABLE"]);
      expect(llm.requests).toHaveLength(2);

      const outageStarted = Date.now();
      const fastFailure = await run();
      expect(fastFailure).toMatchObject({ status: "failed", error: { code: "LLM_UNAVAILABLE" } });
      expect(fastFailure.error?.message).toMatch(/circuit open/);
      expect(llm.requests).toHaveLength(2);

      await new Promise((resolve) => setTimeout(resolve, 1600));
      const recovered = await run();
      expect(recovered.status).toBe("succeeded");
      const recoveredInMs = Date.now() - outageStarted;
      expect(recoveredInMs).toBeLessThan(20_000);
      console.info(
        `drill llm-outage: 2 failures opened the breaker, the next run failed fast without a request, recovered in ${recoveredInMs} ms`,
      );
      expect((await client.documents.list.query({ projectId: project.id })).items.map((d) => d.path)).toEqual(
        ["docs/about.md"],
      );
      progress.close();
    } finally {
      await api.stop();
      await llm.close();
    }
  });
});
