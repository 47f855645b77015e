import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { databaseTargets } from "@jeex/db/testing";
import { appRouter } from "@jeex/trpc/router";
import { validate } from "@readme/openapi-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.ts";

const run = promisify(execFile);
const pythonClient = fileURLToPath(new URL("./support/openapi_client.py", import.meta.url));

interface Operation {
  operationId: string;
  security: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, unknown> }>;
  "x-trpc-type": string;
  "x-jeex-access": string;
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

const operationsOf = (document: Document) =>
  Object.values(document.paths).flatMap((methods) =>
    Object.entries(methods).map(([method, operation]) => ({ method, ...operation })),
  );

describe.each(databaseTargets())("the published contract at /openapi.json on $name", (target) => {
  const suite = useTestServer(target);
  let document: Document;

  beforeAll(async () => {
    const response = await fetch(`${suite.url}/openapi.json`);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    document = (await response.json()) as Document;
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it("lists every procedure of the router, each as it travels on the wire", () => {
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
    );
    const operations = operationsOf(document);
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(
      procedures.map(([path]) => path).sort(),
    );
    for (const [path, procedure] of procedures) {
      const operation = operations.find((candidate) => candidate.operationId === path);
      expect(operation?.["x-trpc-type"]).toBe(procedure._def.type);
      expect(operation?.method).toBe(procedure._def.type === "mutation" ? "post" : "get");
    }
    const events = operations.find((operation) => operation.operationId === "workflow.events");
    expect(Object.keys(events?.responses["200"]?.content ?? {})).toEqual(["text/event-stream"]);
  });

  it("describes each query's and mutation's answer with the output schema its procedure enforces", () => {
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { type: string; output?: unknown } }>,
    );
    // Subscriptions are left out: tRPC would parse the stream itself, not each event.
    expect(
      procedures
        .filter(([, procedure]) => procedure._def.type !== "subscription" && !procedure._def.output)
        .map(([path]) => path),
    ).toEqual([]);
    const answerOf = (operationId: string) => {
      const operation = operationsOf(document).find((candidate) => candidate.operationId === operationId);
      const content = operation?.responses["200"]?.content?.["application/json"] as
        | { schema: { properties: { result: { properties: { data: Record<string, unknown> } } } } }
        | undefined;
      return content?.schema.properties.result.properties.data;
    };
    for (const [path, procedure] of procedures) {
      if (procedure._def.type !== "subscription") expect(answerOf(path), path).not.toEqual({});
    }
    expect(answerOf("projects.get")).toMatchObject({
      type: "object",
      required: expect.arrayContaining(["id", "tenantId", "name", "createdAt"]),
    });
    expect(Object.keys((answerOf("projects.list")?.properties as object) ?? {}).sort()).toEqual([
      "items",
      "nextCursor",
    ]);
  });

  it("says which credential each procedure needs, from the router's own access rules", () => {
    const byId = new Map(operationsOf(document).map((operation) => [operation.operationId, operation]));
    expect(byId.get("auth.providers")?.security).toEqual([]);
    expect(byId.get("auth.providers")?.["x-jeex-access"]).toBe("public");
    expect(byId.get("projects.delete")?.["x-jeex-access"]).toBe("admin");
    expect(byId.get("projects.list")?.["x-jeex-access"]).toBe("viewer");
    expect(byId.get("tenants.invitations.accept")?.["x-jeex-access"]).toBe("person");
    expect(byId.get("projects.create")?.security).toEqual([
      { bearer: [] },
      { sessionCookie: [], csrfHeader: [] },
    ]);
    expect(byId.get("projects.list")?.parameters?.map((parameter) => parameter.name)).toEqual([
      "input",
      "x-tenant-id",
    ]);
  });

  it("is enough for a client written with nothing but Python's standard library", async () => {
    const member = await suite.member("editor");
    const { stdout } = await run("python3", [pythonClient, suite.url, member.apiKey], { timeout: 20_000 });
    const answer = JSON.parse(stdout) as { created: { id: string; name: string }; listed: string[] };
    expect(answer.created.name).toBe("From Python");
    expect(answer.listed).toContain(answer.created.id);
  });
});
