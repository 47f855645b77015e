import { randomUUID } from "node:crypto";
import type { Role } from "@jeex/contracts/common";
import { databaseTargets, uniqueSlug } from "@jeex/db/testing";
import { CSRF_HEADER } from "@jeex/trpc/context";
import type { ProcedureAccess, ProcedureMeta } from "@jeex/trpc/meta";
import { appRouter } from "@jeex/trpc/router";
import type { TRPCProcedureType } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { signedInPerson } from "./support/people.ts";
import { expectTrpcError, useMemberOfEachRole, useTestServer } from "./support/server.ts";

// At run time tRPC keeps every procedure in one flat map keyed by dotted path; its type describes
// the nested record instead, so it is read through this narrow shape.
type FlatProcedures = Record<
  string,
  { _def: { type: TRPCProcedureType; inputs: unknown[]; meta?: Partial<ProcedureMeta> } }
>;
const procedures = appRouter._def.procedures as unknown as FlatProcedures;

const ACCESS_LEVELS: readonly ProcedureAccess[] = [
  "public",
  "signed-in",
  "person",
  "viewer",
  "editor",
  "admin",
  "owner",
];

const someId = () => randomUUID();

/**
 * An input that passes validation, for every procedure that takes one: the access check, not the
 * parser, must decide. Who may call is not written here: it is read from each procedure's meta.
 */
const inputs: Record<string, () => unknown> = {
  "tenants.create": () => ({ slug: uniqueSlug("t"), name: "New" }),
  "tenants.members.list": () => ({}),
  "tenants.members.setRole": () => ({ userId: someId(), role: "viewer" }),
  "tenants.members.remove": () => ({ userId: someId() }),
  "tenants.invitations.create": () => ({ email: "nobody@example.test", role: "viewer" }),
  "tenants.invitations.list": () => ({}),
  "tenants.invitations.revoke": () => ({ invitationId: someId() }),
  "tenants.invitations.accept": () => ({ invitationId: someId() }),
  "tenants.invitations.decline": () => ({ invitationId: someId() }),
  "apiKeys.create": () => ({ name: "matrix", role: "viewer" }),
  "apiKeys.list": () => ({}),
  "apiKeys.revoke": () => ({ apiKeyId: someId() }),
  "audit.list": () => ({}),
  "projects.list": () => ({}),
  "projects.get": () => ({ projectId: someId() }),
  "projects.create": () => ({ name: "matrix project" }),
  "projects.update": () => ({ projectId: someId(), name: "renamed" }),
  "projects.delete": () => ({ projectId: someId() }),
  "workflow.runStep": () => ({ projectId: someId(), step: "architecture" }),
  "workflow.estimate": () => ({ projectId: someId(), step: "architecture" }),
  "workflow.cancel": () => ({ executionId: someId() }),
  "workflow.status": () => ({ projectId: someId() }),
  "workflow.events": () => ({ projectId: someId() }),
  "workflow.executions.list": () => ({ projectId: someId() }),
  "workflow.executions.get": () => ({ executionId: someId() }),
  "documents.list": () => ({ projectId: someId() }),
  "documents.versions": () => ({ documentId: someId() }),
  "documents.get": () => ({ documentId: someId() }),
  "documents.diff": () => ({ documentId: someId(), fromVersionId: someId() }),
  "documents.saveEdit": () => ({ documentId: someId(), baseVersionId: someId(), content: "edited" }),
  "documents.activate": () => ({ documentId: someId(), versionId: someId() }),
  "documents.confirm": () => ({ documentId: someId() }),
  "documents.resolveMerge": () => ({ documentId: someId(), versionId: someId(), resolution: "agent" }),
  "documents.report": () => ({ projectId: someId() }),
  "usage.get": () => ({}),
  "exports.create": () => ({ projectId: someId() }),
  "exports.get": () => ({ exportId: someId() }),
  "exports.list": () => ({ projectId: someId() }),
  "memory.search": () => ({ projectId: someId(), query: "walkers" }),
};

interface ProcedureCase {
  path: string;
  /** The procedure tier's stamp (`packages/trpc/src/trpc.ts`); undefined fails the first test. */
  minimum: ProcedureAccess | undefined;
  /** Subscriptions are called like queries: over SSE the refusal arrives as the first error event. */
  type: TRPCProcedureType;
  input: () => unknown;
}

const cases: ProcedureCase[] = Object.entries(procedures).map(([path, { _def }]) => ({
  path,
  minimum: _def.meta?.access,
  type: _def.type,
  input: inputs[path] ?? (() => undefined),
}));

const ranks: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };
const isRole = (access: ProcedureAccess | undefined): access is Role => !!access && access in ranks;
/** Every caller of the role sweep holds an API key, so "person" procedures refuse them all. */
const allowed = (role: Role, minimum: ProcedureAccess | undefined) =>
  minimum === "public" || minimum === "signed-in" || (isRole(minimum) && ranks[role] >= ranks[minimum]);

describe("the permission matrix covers the whole router", () => {
  it("every procedure states who may call it in its meta", () => {
    const unstated = cases.filter(({ minimum }) => !minimum || !ACCESS_LEVELS.includes(minimum));
    expect(unstated.map(({ path, minimum }) => `${path}: ${String(minimum)}`)).toEqual([]);
  });

  it("every procedure that takes input has a valid input here, and every input is a procedure's", () => {
    const takingInput = Object.entries(procedures)
      .filter(([, { _def }]) => _def.inputs.length > 0)
      .map(([path]) => path);
    expect(Object.keys(inputs).sort()).toEqual(takingInput.sort());
  });

  it("what only a person with a browser session may do stays so (never an API key or client token)", () => {
    const personOnly = cases.filter(({ minimum }) => minimum === "person").map(({ path }) => path);
    expect(personOnly).toEqual(
      expect.arrayContaining([
        "tenants.create",
        "tenants.invitations.mine",
        "tenants.invitations.accept",
        "tenants.invitations.decline",
      ]),
    );
  });
});

describe.each(databaseTargets())("every procedure × every role on $name", (target) => {
  const suite = useTestServer(target);
  const members = useMemberOfEachRole(suite);

  const bearer = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

  async function call({ path, type, input }: ProcedureCase, headers: Record<string, string> = {}) {
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

  const rows = cases.flatMap((procedure) =>
    (["owner", "admin", "editor", "viewer"] as const).map(
      (role) => [procedure.path, role, procedure] as const,
    ),
  );

  it.each(rows)("%s as %s", async (_path, role, procedure) => {
    const status = await call(procedure, bearer(members[role].apiKey));
    if (allowed(role, procedure.minimum)) {
      expect(status, `${role} should pass the role check`).not.toBe(403);
      expect(status).not.toBe(401);
      expect(status).toBeLessThan(500);
    } else {
      expect(status, `${role} must be refused`).toBe(403);
    }
  });

  it.each(cases.filter(({ minimum }) => minimum === "person").map((p) => [p.path, p] as const))(
    "%s passes for a person signed in with a session",
    async (_path, procedure) => {
      const person = await signedInPerson(suite.db, suite.url);
      const status = await call(procedure, { ...person.sessionHeaders(), [CSRF_HEADER]: "1" });
      expect(status).not.toBe(403);
      expect(status).not.toBe(401);
      expect(status).toBeLessThan(500);
    },
  );

  it.each(cases.filter(({ minimum }) => minimum !== "public").map((p) => [p.path, p] as const))(
    "%s without a credential is UNAUTHORIZED",
    async (_path, procedure) => {
      expect(await call(procedure)).toBe(401);
    },
  );

  // What a procedure's meta cannot say: rules about the owner role inside admin procedures.
  describe("rules beyond the minimum role", () => {
    async function ownerAndAdmin() {
      const [owner, admin] = await suite.team("owner", "admin");
      return { owner, admin, asOwner: suite.client(owner), asAdmin: suite.client(admin) };
    }

    it("only an owner creates, lists or revokes owner-role API keys", async () => {
      const { asOwner, asAdmin } = await ownerAndAdmin();
      await expectTrpcError(
        asAdmin.apiKeys.create.mutate({ name: "too strong", role: "owner" }),
        "FORBIDDEN",
      );
      const ownerKey = await asOwner.apiKeys.create.mutate({ name: "owner key", role: "owner" });
      expect((await asAdmin.apiKeys.list.query({})).items.map((key) => key.id)).not.toContain(
        ownerKey.apiKey.id,
      );
      await expectTrpcError(asAdmin.apiKeys.revoke.mutate({ apiKeyId: ownerKey.apiKey.id }), "FORBIDDEN");
    });

    it("only an owner grants the owner role, and the last owner can be neither demoted nor removed", async () => {
      const { owner, admin, asOwner, asAdmin } = await ownerAndAdmin();
      await expectTrpcError(
        asAdmin.tenants.members.setRole.mutate({ userId: admin.userId, role: "owner" }),
        "FORBIDDEN",
      );
      await expectTrpcError(asAdmin.tenants.members.remove.mutate({ userId: owner.userId }), "FORBIDDEN");
      await expectTrpcError(
        asOwner.tenants.members.setRole.mutate({ userId: owner.userId, role: "admin" }),
        "PRECONDITION_FAILED",
      );
      await expectTrpcError(
        asOwner.tenants.members.remove.mutate({ userId: owner.userId }),
        "PRECONDITION_FAILED",
      );
    });

    it("a person-only procedure refuses even an owner's API key, with FORBIDDEN", async () => {
      const { asOwner } = await ownerAndAdmin();
      await expectTrpcError(
        asOwner.tenants.create.mutate({ slug: uniqueSlug("by-key"), name: "By key" }),
        "FORBIDDEN",
      );
    });
  });
});
