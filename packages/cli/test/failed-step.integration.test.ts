import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedApi, startApi } from "./support/api-server.ts";
import { cliUser } from "./support/run-cli.ts";

interface PlanFailure {
  error: { code: string; exitCode: number; message: string; step: string; executionId: string };
}

const IDEA = "An app that matches dog owners with trusted walkers nearby";

describe("jeex plan when a step fails or is interrupted", () => {
  let api: StartedApi;
  let user: ReturnType<typeof cliUser>;
  // An OpenAI-compatible endpoint that rejects every key (the model call fails without retries),
  // or, in "hang" mode, never answers, so a step stays running.
  let mode: "reject" | "hang" = "reject";
  const hanging = new Set<ServerResponse>();
  const llm = createServer((_request, response) => {
    if (mode === "hang") {
      hanging.add(response);
      return;
    }
    response.writeHead(401, { "content-type": "application/json" }).end('{"error":{"message":"bad key"}}');
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => llm.listen(0, "127.0.0.1", resolve));
    const { port } = llm.address() as AddressInfo;
    api = await startApi({
      LLM_PROVIDER: "openai-compatible",
      LLM_BASE_URL: `http://127.0.0.1:${port}/v1`,
      LLM_API_KEY: "sk-test",
      LLM_MODEL: "test-model",
      SHUTDOWN_TIMEOUT_MS: "1000",
    });
    user = cliUser({ JEEX_URL: api.url, JEEX_API_KEY: api.credentials.apiKey });
  });
  afterAll(async () => {
    for (const response of hanging) response.destroy();
    await api?.stop();
    llm.closeAllConnections();
    await new Promise<void>((resolve) => llm.close(() => resolve()));
  });

  async function createProject(name: string) {
    const project = await user.json<{ id: string }>("projects", "create", "--name", name);
    expect(project.code, project.stderr).toBe(0);
    return project.body.id;
  }

  it("stops at the failed step with exit 6, its error code and execution id", async () => {
    const projectId = await createProject("Doomed");
    const human = await user.run("plan", "--project", projectId, "--idea", IDEA);
    expect(human.code).toBe(6);
    expect(human.stdout).toContain("✗ about (Business Analyst) failed");
    expect(human.stderr).toMatch(
      /the about step failed: .+ \[[A-Z_]+\] \(execution [0-9a-f-]{36}\); the plan stopped there/,
    );
    expect(human.stderr).not.toMatch(/\n\s+at /);

    const json = await user.json<PlanFailure>("plan", "--project", projectId, "--idea", IDEA);
    expect(json.code).toBe(6);
    expect(json.body.error).toMatchObject({ exitCode: 6, step: "about", executionId: expect.any(String) });
    expect(json.body.error.code).toMatch(/^[A-Z_]+$/);
  });

  it("Ctrl-C while a step runs exits 130 and names the execution that keeps running", async () => {
    mode = "hang";
    const projectId = await createProject("Interrupted");
    const run = user.start("plan", "--project", projectId, "--idea", IDEA);
    // Wait until the agent is drafting, i.e. the step is running on the server.
    for (let waited = 0; !run.output.stderr.includes("is drafting") && waited < 20_000; waited += 50) {
      await sleep(50);
    }
    run.child.kill("SIGINT");
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(
      /interrupted; the about step \(execution [0-9a-f-]{36}\) continues on the server/,
    );
  });
});
