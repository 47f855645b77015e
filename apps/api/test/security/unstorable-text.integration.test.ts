import { Writable } from "node:stream";
import type { Database } from "@jeex/db/client";
import { projects } from "@jeex/db/schema";
import { databaseTargets } from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../../src/server.ts";
import { clientFor, provisionMember, type TestMember, testConfig } from "../support/server.ts";

// Postgres stores neither U+0000 nor a lone surrogate in text or jsonb: such a field used to be a
// 500, and the failing statement with its parameters went to the error log.

const NUL = "with\u0000nul";
const LONE_SURROGATE = "with\ud800lone";
const SECRET_VALUE = "a-value-that-must-never-reach-the-log";

interface ErrorBody {
  error: { data: { code: string; httpStatus: number; issues?: { path: string; message: string }[] } };
}

/** Captures every pino line the server writes. */
function logCapture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe.each(databaseTargets())("text Postgres cannot store, on $name", (target) => {
  let db: Database;
  let server: ReturnType<typeof createServer>;
  let url: string;
  let owner: TestMember;
  let projectId: string;
  let documentId: string;
  let versionId: string;
  const log = logCapture();

  beforeAll(async () => {
    db = await target.open();
    const config = testConfig({ LOG_LEVEL: "info" });
    server = createServer(config, { db, logDestination: log.stream });
    ({ url } = await server.start());
    owner = await provisionMember(db, config);
    const client = clientFor(url, owner);
    projectId = (await client.projects.create.mutate({ name: "Storable" })).id;
    const { executionId } = await client.workflow.runStep.mutate({
      projectId,
      step: "about",
      input: { idea: "An app that matches dog owners with trusted walkers nearby" },
    });
    for (let waited = 0; ; waited += 100) {
      const { status } = await client.workflow.executions.get.query({ executionId });
      if (status === "succeeded") break;
      if (status === "failed" || waited > 30_000) throw new Error(`the about step ended ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const about = (await client.documents.list.query({ projectId })).items[0];
    if (!about) throw new Error("the about step wrote no document");
    documentId = about.id;
    versionId = about.versionId;
  });
  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  function call(method: "GET" | "POST", procedure: string, input: unknown) {
    const headers = { authorization: `Bearer ${owner.apiKey}`, "content-type": "application/json" };
    if (method === "GET") {
      const query = `?input=${encodeURIComponent(JSON.stringify(input))}`;
      return fetch(`${url}/trpc/${procedure}${query}`, { headers });
    }
    return fetch(`${url}/trpc/${procedure}`, { method, headers, body: JSON.stringify(input) });
  }

  const idea = "An app that matches dog owners with trusted walkers nearby";
  const cases: [string, "GET" | "POST", string, (bad: string) => unknown, string][] = [
    ["a project name", "POST", "projects.create", (bad) => ({ name: bad }), "name"],
    [
      "a project description",
      "POST",
      "projects.create",
      (bad) => ({ name: "ok", description: bad }),
      "description",
    ],
    ["a renamed project", "POST", "projects.update", (bad) => ({ projectId, name: bad }), "name"],
    ["a project search", "GET", "projects.list", (bad) => ({ search: bad }), "search"],
    [
      "a new description",
      "POST",
      "projects.update",
      (bad) => ({ projectId, description: bad }),
      "description",
    ],
    ["an API key name", "POST", "apiKeys.create", (bad) => ({ name: bad, role: "viewer" }), "name"],
    ["an audit filter", "GET", "audit.list", (bad) => ({ action: bad }), "action"],
    [
      "the idea",
      "POST",
      "workflow.runStep",
      (bad) => ({ projectId, step: "about", input: { idea: `${idea} ${bad}` } }),
      "input.idea",
    ],
    [
      "a clarification's answer",
      "POST",
      "workflow.runStep",
      (bad) => ({
        projectId,
        step: "about",
        input: { idea, clarifications: [{ question: "Who?", answer: bad }] },
      }),
      "input.clarifications.0.answer",
    ],
    [
      "feedback",
      "POST",
      "workflow.runStep",
      (bad) => ({ projectId, step: "architecture", feedback: bad }),
      "feedback",
    ],
    [
      "an idempotency key",
      "POST",
      "workflow.runStep",
      (bad) => ({ projectId, step: "about", idempotencyKey: bad }),
      "idempotencyKey",
    ],
    [
      "document content",
      "POST",
      "documents.saveEdit",
      (bad) => ({ documentId, baseVersionId: versionId, content: `# About\n\n${bad}` }),
      "content",
    ],
    [
      "a document title",
      "POST",
      "documents.saveEdit",
      (bad) => ({ documentId, baseVersionId: versionId, content: "# About", title: bad }),
      "title",
    ],
    ["a memory search query", "GET", "memory.search", (bad) => ({ projectId, query: bad }), "query"],
  ];

  it.each(cases)("a NUL in %s is a 400 naming the field", async (_label, method, procedure, input, path) => {
    const response = await call(method, procedure, input(NUL));
    const body = (await response.json()) as ErrorBody;
    expect(response.status, JSON.stringify(body)).toBe(400);
    const issue = body.error.data.issues?.find((candidate) => candidate.path === path);
    expect(issue?.message).toMatch(/NUL/);
  });

  it.each(cases)(
    "a lone surrogate in %s is a 400 naming the field",
    async (_l, method, procedure, input, path) => {
      const response = await call(method, procedure, input(LONE_SURROGATE));
      const body = (await response.json()) as ErrorBody;
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(body.error.data.issues?.map((issue) => issue.path)).toContain(path);
    },
  );

  it("nothing was written and no request failed on the server", () => {
    const failures = log.lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    expect(failures).toEqual([]);
  });

  it("a failing query is logged with its SQL and SQLSTATE but none of its values", async () => {
    const failure = await db
      .withTenant({ tenantId: owner.tenantId, userId: owner.userId }, (tx) =>
        tx.db.insert(projects).values({ tenantId: owner.tenantId, name: `${SECRET_VALUE}\u0000` }),
      )
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    server.app.log.error({ err: failure }, "procedure failed");
    const logged = log.lines.at(-1) ?? "";
    expect(logged).toContain("procedure failed");
    expect(JSON.parse(logged).err.message).toMatch(
      /^Failed query: insert into "projects" .* values \(\$1, \$2, \$3/,
    );
    expect(logged).not.toContain(SECRET_VALUE);
  });
});
