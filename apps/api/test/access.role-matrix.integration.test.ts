import { randomUUID } from "node:crypto";
import type { Role } from "@jeex/contracts/common";
import { databaseTargets, uniqueSlug } from "@jeex/db/testing/databases";
import { CSRF_HEADER } from "@jeex/trpc/context";
import { appRouter } from "@jeex/trpc/router";
import { beforeAll, describe, expect, it } from "vitest";
import { signedInPerson } from "./support/people.ts";
import { type TestMember, useTestServer } from "./support/server.ts";

/** "person": a browser session only; API keys and client-credential tokens are refused whatever their role. */
type Minimum = Role | "person" | "signed-in" | "public";

interface ProcedureCase {
  minimum: Minimum;
  /** Subscriptions are called like queries: over SSE the refusal arrives as the HTTP status. */
  type: "query" | "mutation" | "subscription";
  input: () => unknown;
}

const someId = () => randomUUID();

/** Every procedure of the router, the least it needs, and an input that passes validation. */
const matrix: Record<string, ProcedureCase> = {
  "auth.me": { minimum: "signed-in", type: "query", input: () => undefined },
  "auth.providers": { minimum: "public", type: "query", input: () => undefined },
  "tenants.list": { minimum: "signed-in", type: "query", input: () => undefined },
  "tenants.create": {
    minimum: "person",
    type: "mutation",
    input: () => ({ slug: uniqueSlug("t"), name: "New" }),
  },
  "tenants.members.list": { minimum: "viewer", type: "query", input: () => ({}) },
  "tenants.members.setRole": {
    minimum: "admin",
    type: "mutation",
    input: () => ({ userId: someId(), role: "viewer" }),
  },
  "tenants.members.remove": { minimum: "admin", type: "mutation", input: () => ({ userId: someId() }) },
  "tenants.invitations.create": {
    minimum: "admin",
    type: "mutation",
    input: () => ({ email: "nobody@example.test", role: "viewer" }),
  },
  "tenants.invitations.list": { minimum: "admin", type: "query", input: () => ({}) },
  "tenants.invitations.revoke": {
    minimum: "admin",
    type: "mutation",
    input: () => ({ invitationId: someId() }),
  },
  "tenants.invitations.mine": { minimum: "person", type: "query", input: () => undefined },
  "tenants.invitations.accept": {
    minimum: "person",
    type: "mutation",
    input: () => ({ invitationId: someId() }),
  },
  "tenants.invitations.decline": {
    minimum: "person",
    type: "mutation",
    input: () => ({ invitationId: someId() }),
  },
  "apiKeys.create": { minimum: "admin", type: "mutation", input: () => ({ name: "matrix", role: "viewer" }) },
  "apiKeys.list": { minimum: "admin", type: "query", input: () => ({}) },
  "apiKeys.revoke": { minimum: "admin", type: "mutation", input: () => ({ apiKeyId: someId() }) },
  "audit.list": { minimum: "admin", type: "query", input: () => ({}) },
  "projects.list": { minimum: "viewer", type: "query", input: () => ({}) },
  "projects.get": { minimum: "viewer", type: "query", input: () => ({ projectId: someId() }) },
  "projects.create": { minimum: "editor", type: "mutation", input: () => ({ name: "matrix project" }) },
  "projects.update": {
    minimum: "editor",
    type: "mutation",
    input: () => ({ projectId: someId(), name: "renamed" }),
  },
  "projects.delete": { minimum: "admin", type: "mutation", input: () => ({ projectId: someId() }) },
  "workflow.runStep": {
    minimum: "editor",
    type: "mutation",
    input: () => ({ projectId: someId(), step: "architecture" }),
  },
  "workflow.estimate": {
    minimum: "viewer",
    type: "query",
    input: () => ({ projectId: someId(), step: "architecture" }),
  },
  "workflow.cancel": { minimum: "editor", type: "mutation", input: () => ({ executionId: someId() }) },
  "workflow.status": { minimum: "viewer", type: "query", input: () => ({ projectId: someId() }) },
  "workflow.events": { minimum: "viewer", type: "subscription", input: () => ({ projectId: someId() }) },
  "workflow.executions.list": { minimum: "viewer", type: "query", input: () => ({ projectId: someId() }) },
  "workflow.executions.get": { minimum: "viewer", type: "query", input: () => ({ executionId: someId() }) },
  "documents.list": { minimum: "viewer", type: "query", input: () => ({ projectId: someId() }) },
  "documents.versions": { minimum: "viewer", type: "query", input: () => ({ documentId: someId() }) },
  "documents.get": { minimum: "viewer", type: "query", input: () => ({ documentId: someId() }) },
  "documents.diff": {
    minimum: "viewer",
    type: "query",
    input: () => ({ documentId: someId(), fromVersionId: someId() }),
  },
  "documents.saveEdit": {
    minimum: "editor",
    type: "mutation",
    input: () => ({ documentId: someId(), baseVersionId: someId(), content: "edited" }),
  },
  "documents.activate": {
    minimum: "editor",
    type: "mutation",
    input: () => ({ documentId: someId(), versionId: someId() }),
  },
  "documents.confirm": { minimum: "editor", type: "mutation", input: () => ({ documentId: someId() }) },
  "documents.resolveMerge": {
    minimum: "editor",
    type: "mutation",
    input: () => ({ documentId: someId(), versionId: someId(), resolution: "agent" }),
  },
  "documents.report": { minimum: "viewer", type: "query", input: () => ({ projectId: someId() }) },
  "usage.get": { minimum: "viewer", type: "query", input: () => ({}) },
  "exports.create": { minimum: "editor", type: "mutation", input: () => ({ projectId: someId() }) },
  "exports.get": { minimum: "viewer", type: "query", input: () => ({ exportId: someId() }) },
  "exports.list": { minimum: "viewer", type: "query", input: () => ({ projectId: someId() }) },
  "memory.search": {
    minimum: "viewer",
    type: "query",
    input: () => ({ projectId: someId(), query: "walkers" }),
  },
};

const ranks: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };
/** Every caller of the role sweep holds an API key, so "person" rows refuse them all. */
const allowed = (role: Role, minimum: Minimum) =>
  minimum === "public" || minimum === "signed-in" || (minimum !== "person" && ranks[role] >= ranks[minimum]);

describe("the permission matrix covers the whole router", () => {
  it("every procedure has a row, and every row is a procedure", () => {
    expect(Object.keys(matrix).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });
});

describe.each(databaseTargets())("every procedure × every role on $name", (target) => {
  const suite = useTestServer(target);
  const members = {} as Record<Role, TestMember>;

  beforeAll(async () => {
    const tenantSlug = uniqueSlug("matrix");
    for (const role of ["owner", "admin", "editor", "viewer"] as const) {
      members[role] = await suite.member(role, tenantSlug);
    }
  });

  const bearer = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

  async function call(path: string, { type, input }: ProcedureCase, headers: Record<string, string> = {}) {
    const value = input();
    const response =
      type !== "mutation"
        ? await fetch(
            `${suite.url}/trpc/${path}${value === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(value))}`}`,
            {
              headers: type === "subscription" ? { ...headers, accept: "text/event-stream" } : headers,
              signal: AbortSignal.timeout(5000),
            },
          )
        : await fetch(`${suite.url}/trpc/${path}`, {
            method: "POST",
            headers: { ...headers, "content-type": "application/json" },
            body: JSON.stringify(value),
          });
    if (type === "subscription") return subscriptionStatus(response);
    await response.text();
    return response.status;
  }

  /** Over SSE a refused subscription still answers 200; the refusal is its first error event. */
  async function subscriptionStatus(response: Response): Promise<number> {
    const reader = response.body?.getReader();
    let text = "";
    const deadline = Date.now() + 3000;
    while (
      reader &&
      Date.now() < deadline &&
      !/event: serialized-error\ndata: .*\n/.test(text) &&
      !text.includes("event: ping")
    ) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 500)),
      ]);
      if (chunk?.done) break;
      if (chunk?.value) text += new TextDecoder().decode(chunk.value);
    }
    await reader?.cancel();
    const error = /event: serialized-error\ndata: (.*)\n/.exec(text)?.[1];
    return error ? (JSON.parse(error) as { data: { httpStatus: number } }).data.httpStatus : response.status;
  }

  const rows = Object.entries(matrix).flatMap(([path, procedure]) =>
    (["owner", "admin", "editor", "viewer"] as const).map((role) => [path, role, procedure] as const),
  );

  it.each(rows)("%s as %s", async (path, role, procedure) => {
    const status = await call(path, procedure, bearer(members[role].apiKey));
    if (allowed(role, procedure.minimum)) {
      expect(status, `${role} should pass the role check`).not.toBe(403);
      expect(status).not.toBe(401);
      expect(status).toBeLessThan(500);
    } else {
      expect(status, `${role} must be refused`).toBe(403);
    }
  });

  it.each(Object.entries(matrix).filter(([, p]) => p.minimum === "person"))(
    "%s passes for a person signed in with a session",
    async (path, procedure) => {
      const person = await signedInPerson(suite.db, suite.url);
      const status = await call(path, procedure, { ...person.sessionHeaders(), [CSRF_HEADER]: "1" });
      expect(status).not.toBe(403);
      expect(status).not.toBe(401);
      expect(status).toBeLessThan(500);
    },
  );

  it.each(Object.entries(matrix).filter(([, p]) => p.minimum !== "public"))(
    "%s without a credential is UNAUTHORIZED",
    async (path, procedure) => {
      expect(await call(path, procedure)).toBe(401);
    },
  );
});
