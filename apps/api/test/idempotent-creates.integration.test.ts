import { randomUUID } from "node:crypto";
import type { JeexClient } from "@jeex/client";
import { createJeexClient } from "@jeex/client";
import { startSession } from "@jeex/core/auth";
import { idempotencyKeyLifetimeMs } from "@jeex/core/idempotency";
import { databaseTargets, rawRows, uniqueSlug } from "@jeex/db/testing";
import { CSRF_HEADER } from "@jeex/trpc/context";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AUTH_TEST_ENV } from "./auth/support/sign-in.ts";
import { projectWithSteps } from "./exports/support/pack.ts";
import { signedInPerson } from "./support/people.ts";
import { expectTrpcError, type TestMember, useTestServer } from "./support/server.ts";

/** One keyed create: two different inputs, and how many of what it makes the caller can see. */
interface KeyedCreate {
  operation: string;
  /** Per tenant: what the create needs to exist first (a project with a complete pack, for exports). */
  prepare(packedProjectId: string): Promise<{ input: object; otherInput: object | undefined }>;
  create(client: JeexClient, input: object): Promise<{ id: string }>;
  /** The ids of what this operation made, as the caller lists them. */
  made(client: JeexClient, input: object): Promise<string[]>;
}

const inviteeEmail = () => `${uniqueSlug("invitee")}@example.test`;

const tenantCreates: KeyedCreate[] = [
  {
    operation: "projects.create",
    prepare: async () => ({ input: { name: "Keyed plan" }, otherInput: { name: "Another plan" } }),
    create: (client, input) => client.projects.create.mutate(input as { name: string }),
    made: async (client) => (await client.projects.list.query({ limit: 100 })).items.map((p) => p.id),
  },
  {
    operation: "exports.create",
    // A different input names another project; it need not exist: the key is refused first.
    prepare: async (projectId) => ({ input: { projectId }, otherInput: { projectId: randomUUID() } }),
    create: (client, input) => client.exports.create.mutate(input as { projectId: string }),
    made: async (client, input) =>
      (await client.exports.list.query({ ...(input as { projectId: string }), limit: 100 })).items.map(
        (x) => x.id,
      ),
  },
  {
    operation: "apiKeys.create",
    prepare: async () => ({
      input: { name: "keyed bot", role: "viewer" },
      otherInput: { name: "keyed bot", role: "editor" },
    }),
    create: async (client, input) => {
      const created = await client.apiKeys.create.mutate(input as { name: string; role: "viewer" });
      return { id: created.apiKey.id };
    },
    made: async (client) =>
      (await client.apiKeys.list.query({ limit: 100 })).items
        .filter((key) => key.name === "keyed bot")
        .map((key) => key.id),
  },
  {
    operation: "tenants.invitations.create",
    prepare: async () => {
      const email = inviteeEmail();
      return { input: { email, role: "editor" }, otherInput: { email, role: "viewer" } };
    },
    create: (client, input) =>
      client.tenants.invitations.create.mutate(input as { email: string; role: "editor" }),
    made: async (client) =>
      (await client.tenants.invitations.list.query({ limit: 100 })).items.map((i) => i.id),
  },
];

describe.each(databaseTargets())("idempotent creates on $name", (target) => {
  const suite = useTestServer(target, AUTH_TEST_ENV);
  let tenantA: TestMember;
  let tenantB: TestMember;
  /** Each tenant's project whose pack is complete. */
  let packedOfA: string;
  let packedOfB: string;

  beforeAll(async () => {
    tenantA = await suite.member();
    tenantB = await suite.member();
    // exports.create needs a project whose pack is complete, in each tenant.
    packedOfA = (await projectWithSteps(suite.url, tenantA)).project.id;
    packedOfB = (await projectWithSteps(suite.url, tenantB)).project.id;
  }, 120_000);
  afterEach(() => {
    vi.useRealTimers();
  });

  /** The server runs in this process: moving its clock past the lifetime expires every key made so far. */
  const afterKeyLifetime = () => {
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + idempotencyKeyLifetimeMs + 60_000);
  };

  describe.each(tenantCreates)("$operation", (keyed) => {
    it("a retry with the same key and input answers the first result and makes nothing more", async () => {
      const client = suite.client(tenantA);
      const { input } = await keyed.prepare(packedOfA);
      const before = await keyed.made(client, input);
      const idempotencyKey = randomUUID();
      const first = await keyed.create(client, { ...input, idempotencyKey });
      const retried = await keyed.create(client, { ...input, idempotencyKey });
      expect(retried).toEqual(first);
      const after = await keyed.made(client, input);
      expect(after.filter((id) => !before.includes(id))).toEqual([first.id]);
    });

    it("the same key with another input is a CONFLICT that says so", async () => {
      const client = suite.client(tenantA);
      const { input, otherInput } = await keyed.prepare(packedOfA);
      const idempotencyKey = randomUUID();
      await keyed.create(client, { ...input, idempotencyKey });
      const refused = await expectTrpcError(
        keyed.create(client, { ...otherInput, idempotencyKey }),
        "CONFLICT",
      );
      expect(refused.message).toMatch(/idempotency key was used for a different/);
    });

    it("another tenant using the same key gets its own create", async () => {
      const inA = suite.client(tenantA);
      const inB = suite.client(tenantB);
      const idempotencyKey = randomUUID();
      const { input: inputA } = await keyed.prepare(packedOfA);
      const { input: inputB } = await keyed.prepare(packedOfB);
      const ofA = await keyed.create(inA, { ...inputA, idempotencyKey });
      const ofB = await keyed.create(inB, { ...inputB, idempotencyKey });
      expect(ofB.id).not.toBe(ofA.id);
      expect(await keyed.made(inB, inputB)).toContain(ofB.id);
      expect(await keyed.made(inB, inputB)).not.toContain(ofA.id);
      // Reusing A's key with B's different input is no conflict for B, and B's create is not A's.
      expect(await keyed.made(inA, inputA)).not.toContain(ofB.id);
    });

    it("a key past its lifetime makes a new create", async () => {
      const client = suite.client(tenantA);
      const { input } = await keyed.prepare(packedOfA);
      const idempotencyKey = randomUUID();
      const first = await keyed.create(client, { ...input, idempotencyKey });
      afterKeyLifetime();
      const later = await keyed.create(client, { ...input, idempotencyKey });
      expect(later).not.toEqual(first);
      // And that new create is what the key answers from now on.
      expect(await keyed.create(client, { ...input, idempotencyKey })).toEqual(later);
    });
  });

  it("two racing creates with one key make one project: the loser answers the first or a CONFLICT to retry", async () => {
    const client = suite.client(tenantA);
    const name = uniqueSlug("raced");
    const idempotencyKey = randomUUID();
    const answers = await Promise.allSettled(
      Array.from({ length: 4 }, () => client.projects.create.mutate({ name, idempotencyKey })),
    );
    const made = (await client.projects.list.query({ search: name })).items.map((p) => p.id);
    expect(made).toHaveLength(1);
    for (const answer of answers) {
      if (answer.status === "fulfilled") expect(answer.value.id).toBe(made[0]);
      else expect(String(answer.reason)).toMatch(/being processed; retry/);
    }
  });

  it("the server's housekeeping sweep deletes records past their lifetime, and only those", async () => {
    const client = suite.client(tenantA);
    const [oldKey, newKey] = [randomUUID(), randomUUID()];
    // Made two lifetimes ago (by the server's clock), so the sweep below touches no other suite's
    // live records in a shared Postgres database.
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() - 2 * idempotencyKeyLifetimeMs);
    await client.projects.create.mutate({ name: "kept a day", idempotencyKey: oldKey });
    vi.useRealTimers();
    await client.projects.create.mutate({ name: "kept a day", idempotencyKey: newKey });
    await suite.server.server.runtime.sweepExpired();
    const left = await suite.db.withTenant({ tenantId: tenantA.tenantId, userId: tenantA.userId }, (tx) =>
      rawRows<{ key: string }>(tx, sql`select key from idempotency_keys where key in (${oldKey}, ${newKey})`),
    );
    expect(left.map((row) => row.key)).toEqual([newKey]);
  });

  it("a retried apiKeys.create answers the key's metadata without its secret, which is nowhere stored", async () => {
    const client = suite.client(tenantA);
    const idempotencyKey = randomUUID();
    const first = await client.apiKeys.create.mutate({ name: "secret once", role: "viewer", idempotencyKey });
    const retried = await client.apiKeys.create.mutate({
      name: "secret once",
      role: "viewer",
      idempotencyKey,
    });
    expect(first.secret).toMatch(/^jeex_/);
    expect(retried).toMatchObject({ apiKey: first.apiKey, secret: null });
    expect(retried.note).toMatch(/revoke this key/);
    const stored = await suite.db.withTenant({ tenantId: tenantA.tenantId, userId: tenantA.userId }, (tx) =>
      rawRows<{ result: string }>(
        tx,
        sql`select result::text as result from idempotency_keys where key = ${idempotencyKey}`,
      ),
    );
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).toContain(first.apiKey.id);
    expect(JSON.stringify(stored)).not.toContain(String(first.secret).slice(-20));
  });

  describe("tenants.create (its record lives in the tenant it makes)", () => {
    const orgInput = () => ({ slug: uniqueSlug("keyed-org"), name: "Keyed org" });
    const ownedTenantIds = async (person: Awaited<ReturnType<typeof signedInPerson>>) =>
      (await person.client().tenants.list.query()).map((tenant) => tenant.id);

    it("a retry with the same key and input answers the first tenant and makes no second", async () => {
      const person = await signedInPerson(suite.db, suite.url);
      const idempotencyKey = randomUUID();
      const input = orgInput();
      const first = await person.client().tenants.create.mutate({ ...input, idempotencyKey });
      const retried = await person.client().tenants.create.mutate({ ...input, idempotencyKey });
      expect(retried).toEqual(first);
      expect((await ownedTenantIds(person)).sort()).toEqual([person.personalTenantId, first.id].sort());
    });

    it("the same key with another input is a CONFLICT", async () => {
      const person = await signedInPerson(suite.db, suite.url);
      const idempotencyKey = randomUUID();
      await person.client().tenants.create.mutate({ ...orgInput(), idempotencyKey });
      const refused = await expectTrpcError(
        person.client().tenants.create.mutate({ ...orgInput(), idempotencyKey }),
        "CONFLICT",
      );
      expect(refused.message).toMatch(/idempotency key was used for a different/);
      expect(await ownedTenantIds(person)).toHaveLength(2);
    });

    it("another person using the same key gets their own tenant", async () => {
      const one = await signedInPerson(suite.db, suite.url);
      const other = await signedInPerson(suite.db, suite.url);
      const idempotencyKey = randomUUID();
      const input = orgInput();
      const ofOne = await one.client().tenants.create.mutate({ ...input, idempotencyKey });
      // The same key and even the same input: the other's create is theirs (here: the slug is taken).
      await expectTrpcError(other.client().tenants.create.mutate({ ...input, idempotencyKey }), "CONFLICT");
      const ofOther = await other.client().tenants.create.mutate({ ...orgInput(), idempotencyKey });
      expect(ofOther.id).not.toBe(ofOne.id);
      expect(await ownedTenantIds(other)).not.toContain(ofOne.id);
    });

    it("a key past its lifetime makes a new tenant", async () => {
      const person = await signedInPerson(suite.db, suite.url);
      const idempotencyKey = randomUUID();
      const input = orgInput();
      const first = await person.client().tenants.create.mutate({ ...input, idempotencyKey });
      afterKeyLifetime();
      // The first session ended too; the same person signs in again.
      const { token } = await startSession(suite.db.system, { userId: person.userId, ttlMs: 60 * 60_000 });
      const again = createJeexClient({
        url: suite.url,
        headers: () => ({ cookie: `jeex_session=${token}`, [CSRF_HEADER]: "1" }),
      });
      const renamed = { slug: uniqueSlug("keyed-org"), name: input.name };
      const later = await again.tenants.create.mutate({ ...renamed, idempotencyKey });
      expect(later.id).not.toBe(first.id);
      expect(await again.tenants.create.mutate({ ...renamed, idempotencyKey })).toEqual(later);
    });
  });
});
