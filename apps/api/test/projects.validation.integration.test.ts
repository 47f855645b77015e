import { databaseTargets } from "@jeex/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestMember, useTestServer } from "./support/server.ts";

interface ErrorBody {
  error: {
    message: string;
    data: { code: string; httpStatus: number; appCode: string; issues?: { path: string }[] };
  };
}

describe.each(databaseTargets())("bad input and bad credentials on $name", (target) => {
  const suite = useTestServer(target, { BODY_LIMIT_BYTES: "65536" });
  let owner: TestMember;
  let existingProjectId: string;

  beforeAll(async () => {
    owner = await suite.member();
    const created = await call("POST", "projects.create", { name: "exists" });
    existingProjectId = ((await created.json()) as { result: { data: { id: string } } }).result.data.id;
  });

  function call(
    method: "GET" | "POST",
    procedure: string,
    input?: unknown,
    headers: Record<string, string> = {},
  ) {
    const auth = { authorization: `Bearer ${owner.apiKey}`, ...headers };
    if (method === "GET") {
      const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      return fetch(`${suite.url}/trpc/${procedure}${query}`, { headers: auth });
    }
    return fetch(`${suite.url}/trpc/${procedure}`, {
      method,
      headers: { "content-type": "application/json", ...auth },
      body: input === undefined ? undefined : JSON.stringify(input),
    });
  }

  async function expectBadRequest(response: Response, fieldPath: string) {
    const body = (await response.json()) as ErrorBody;
    expect(response.status).toBe(400);
    expect(body.error.data.code).toBe("BAD_REQUEST");
    expect(body.error.data.appCode).toBe("VALIDATION_FAILED");
    expect(body.error.data.issues?.map((issue) => issue.path)).toContain(fieldPath);
    expect(JSON.stringify(body)).not.toMatch(/at .+\.ts:\d+|stack/);
  }

  const badInputs: [string, "GET" | "POST", string, unknown, string][] = [
    ["an empty name", "POST", "projects.create", { name: "   " }, "name"],
    ["a 10 kB name", "POST", "projects.create", { name: "n".repeat(10_240) }, "name"],
    ["a name of the wrong type", "POST", "projects.create", { name: 42 }, "name"],
    [
      "an unknown field",
      "POST",
      "projects.create",
      { name: "ok", tenantId: "00000000-0000-0000-0000-000000000000" },
      "",
    ],
    [
      "a language that is not a tag",
      "POST",
      "projects.create",
      { name: "ok", language: "english!" },
      "language",
    ],
    ["a non-UUID project id", "GET", "projects.get", { projectId: "42" }, "projectId"],
    ["a non-UUID id on update", "POST", "projects.update", { projectId: "x", name: "y" }, "projectId"],
    [
      "an update with nothing to change",
      "POST",
      "projects.update",
      { projectId: "00000000-0000-4000-8000-000000000000" },
      "",
    ],
    ["limit 0", "GET", "projects.list", { limit: 0 }, "limit"],
    ["limit 1000", "GET", "projects.list", { limit: 1000 }, "limit"],
    ["a fractional limit", "GET", "projects.list", { limit: 2.5 }, "limit"],
    ["a cursor that was never issued", "GET", "projects.list", { cursor: "bm90LWEtY3Vyc29y" }, "cursor"],
  ];

  it.each(badInputs)("%s is BAD_REQUEST naming the field", async (_label, method, procedure, input, path) => {
    await expectBadRequest(await call(method, procedure, input), path);
  });

  it("the field errors are also flattened per field", async () => {
    const body = (await (await call("POST", "projects.create", { name: "" })).json()) as {
      error: { data: { fieldErrors: Record<string, string[]> } };
    };
    expect(body.error.data.fieldErrors.name?.length).toBeGreaterThan(0);
  });

  it("a missing key is UNAUTHORIZED", async () => {
    const response = await fetch(`${suite.url}/trpc/projects.list`);
    expect(response.status).toBe(401);
  });

  it.each([
    ["an unknown key", "Bearer jeex_AAAAAAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["a malformed key", "Bearer not-a-key"],
    ["a non-bearer scheme", "Basic dXNlcjpwYXNz"],
  ])("%s is UNAUTHORIZED", async (_label, authorization) => {
    const response = await call("GET", "projects.list", {}, { authorization });
    expect(response.status).toBe(401);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.data.appCode).toBe("UNAUTHENTICATED");
  });

  it("a key with a tampered secret is UNAUTHORIZED", async () => {
    const tampered = `${owner.apiKey.slice(0, -1)}${owner.apiKey.endsWith("A") ? "B" : "A"}`;
    const response = await call("GET", "projects.list", {}, { authorization: `Bearer ${tampered}` });
    expect(response.status).toBe(401);
  });

  it("nothing a client sends produces a 500", async () => {
    const url = suite.url;
    const auth = { authorization: `Bearer ${owner.apiKey}` };
    const json = { "content-type": "application/json", ...auth };
    const attempts: [string, Promise<Response>][] = [
      [
        "malformed JSON body",
        fetch(`${url}/trpc/projects.create`, { method: "POST", headers: json, body: "{nope" }),
      ],
      [
        "JSON null body",
        fetch(`${url}/trpc/projects.create`, { method: "POST", headers: json, body: "null" }),
      ],
      ["array body", fetch(`${url}/trpc/projects.create`, { method: "POST", headers: json, body: "[1,2]" })],
      ["input that is not JSON", fetch(`${url}/trpc/projects.get?input=%7Bbroken`, { headers: auth })],
      [
        "a query sent as POST",
        fetch(`${url}/trpc/projects.list`, { method: "POST", headers: json, body: "{}" }),
      ],
      ["a mutation sent as GET", fetch(`${url}/trpc/projects.create?input=%7B%7D`, { headers: auth })],
      ["an unknown procedure", fetch(`${url}/trpc/projects.explode`, { headers: auth })],
      ["an unknown route", fetch(`${url}/nowhere`)],
      [
        "a body over the limit",
        fetch(`${url}/trpc/projects.create`, {
          method: "POST",
          headers: json,
          body: JSON.stringify({ name: "x".repeat(70_000) }),
        }),
      ],
      [
        "a wrong content type",
        fetch(`${url}/trpc/projects.create`, {
          method: "POST",
          headers: { ...auth, "content-type": "text/plain" },
          body: "name",
        }),
      ],
      [
        "a malformed batch",
        fetch(`${url}/trpc/projects.get,projects.list?batch=1&input=%7B%220%22%3A5%7D`, { headers: auth }),
      ],
      [
        "a SQL-looking search",
        fetch(
          `${url}/trpc/projects.list?input=${encodeURIComponent(JSON.stringify({ search: "%'; drop table projects; --" }))}`,
          { headers: auth },
        ),
      ],
      [
        "a project id of another shape",
        fetch(
          `${url}/trpc/projects.get?input=${encodeURIComponent(JSON.stringify({ projectId: existingProjectId.toUpperCase() }))}`,
          { headers: auth },
        ),
      ],
    ];
    for (const [label, attempt] of attempts) {
      const response = await attempt;
      expect(response.status, label).toBeLessThan(500);
      await response.text();
    }
  });

  it("a body over the limit is a clear 413", async () => {
    const response = await call("POST", "projects.create", { name: "x".repeat(70_000) });
    expect(response.status).toBe(413);
  });
});
