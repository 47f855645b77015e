import { hashSessionToken, startSession } from "@jeex/core/auth";
import { invitations } from "@jeex/db/schema";
import { databaseTargets, rawRows } from "@jeex/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AUTH_TEST_ENV } from "./auth/support/sign-in.ts";
import { signedInPerson } from "./support/people.ts";
import { useTestServer } from "./support/server.ts";

describe.each(databaseTargets())("the housekeeping sweep on $name", (target) => {
  const suite = useTestServer(target, AUTH_TEST_ENV);
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * A session of `userId` that began two lifetimes ago (by the server's clock) and so expired one
   * lifetime ago: far enough back that no other suite in a shared Postgres database still uses it.
   */
  async function sessionFromTwoLifetimesAgo(userId: string) {
    const ttlMs = suite.config.auth.sessionTtlMs;
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() - 2 * ttlMs);
    const session = await startSession(suite.db.system, { userId, ttlMs });
    vi.useRealTimers();
    return session;
  }

  /** Whether the session's row is still stored: looked up as of just before it expired. */
  const stillStored = async (session: { token: string; expiresAt: Date }) =>
    (await suite.db.system.findLiveSession(
      hashSessionToken(session.token),
      new Date(session.expiresAt.getTime() - 1),
    )) !== undefined;

  const projectsListStatus = async (token: string) =>
    (await fetch(`${suite.url}/trpc/projects.list`, { headers: { cookie: `jeex_session=${token}` } })).status;

  /** A signed-in person's session from two lifetimes ago, and one started now. */
  const expiredAndLiveSessions = async () => {
    const person = await signedInPerson(suite.db, suite.url);
    return {
      expired: await sessionFromTwoLifetimesAgo(person.userId),
      live: await startSession(suite.db.system, {
        userId: person.userId,
        ttlMs: suite.config.auth.sessionTtlMs,
      }),
    };
  };

  it("deletes sessions past their expiry and keeps live ones", async () => {
    const { expired, live } = await expiredAndLiveSessions();
    expect(await stillStored(live)).toBe(true);

    // Another suite's server may have swept the expired one already: only its absence is asserted.
    const deleted = await suite.server.server.runtime.sweepExpired();
    expect(deleted["expired sessions"]).toEqual(expect.any(Number));
    expect([await stillStored(expired), await stillStored(live)]).toEqual([false, true]);
  });

  it("a backlog larger than one delete batch (1,000 rows) goes in one pass", async () => {
    const person = await signedInPerson(suite.db, suite.url);
    const backlog = [];
    for (let i = 0; i < 1001; i++) backlog.push(await sessionFromTwoLifetimesAgo(person.userId));

    await suite.server.server.runtime.sweepExpired();
    const stored = await Promise.all(backlog.map(stillStored));
    expect(stored.filter(Boolean)).toEqual([]);
  });

  it("a session deleted by the sweep no longer authenticates; a live one still does", async () => {
    const { expired, live } = await expiredAndLiveSessions();

    await suite.server.server.runtime.sweepExpired();
    expect(await stillStored(expired)).toBe(false);
    expect(await projectsListStatus(expired.token)).toBe(401);
    expect(await projectsListStatus(live.token)).toBe(200);
  });

  it("deletes invitations that expired unanswered, and keeps open ones", async () => {
    const owner = await suite.member("owner");
    const client = suite.client(owner);
    const lapsing = await client.tenants.invitations.create.mutate({
      email: `lapsing-${owner.tenantId}@example.test`,
      role: "viewer",
    });
    const open = await client.tenants.invitations.create.mutate({
      email: `open-${owner.tenantId}@example.test`,
      role: "viewer",
    });
    // Expired two lifetimes ago, out of the way of other suites sharing a Postgres database.
    await suite.db.withTenant({ tenantId: owner.tenantId, userId: owner.userId }, (tx) =>
      tx.db
        .update(invitations)
        .set({ expiresAt: new Date(Date.now() - 2 * suite.config.auth.invitationTtlMs) })
        .where(eq(invitations.id, lapsing.id)),
    );

    const deleted = await suite.server.server.runtime.sweepExpired();
    expect(deleted["expired invitations"]).toEqual(expect.any(Number));
    const left = await suite.db.withTenant({ tenantId: owner.tenantId, userId: owner.userId }, (tx) =>
      rawRows<{ id: string }>(tx, sql`select id from invitations where id in (${lapsing.id}, ${open.id})`),
    );
    expect(left.map((row) => row.id)).toEqual([open.id]);
    expect((await client.tenants.invitations.list.query({})).items.map((i) => i.id)).toEqual([open.id]);
  });
});
