import type { JeexClient } from "@jeex/client";
import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import {
  type DatabaseTarget,
  databaseTargets,
  startRedisServer,
  type TestRedisServer,
  uniqueSlug,
} from "@jeex/db/testing";
import type { TRPCClientError } from "@trpc/client";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { oneDatabaseTarget } from "../security/support/database.ts";
import { newAboutExecution } from "../support/progress.ts";
import { type TestMember, type TestServer, useTestServer } from "../support/server.ts";

const oneTarget = oneDatabaseTarget();
const waitLong = { timeout: 20_000, interval: 25 };

/** One `workflow.events` subscription over SSE, recording what reaches the client. */
function openStream(client: JeexClient, projectId: string, lastEventId?: string) {
  const ids: string[] = [];
  let connections = 0;
  let error: TRPCClientError<never> | undefined;
  let endedAt: number | undefined;
  const subscription = client.workflow.events.subscribe(
    { projectId, ...(lastEventId ? { lastEventId } : {}) },
    {
      onStarted: () => {
        connections += 1;
      },
      onData: (event) => {
        ids.push(event.id);
      },
      onError: (cause) => {
        error = cause as TRPCClientError<never>;
        endedAt = Date.now();
      },
      onComplete: () => {
        endedAt ??= Date.now();
      },
    },
  );
  return {
    ids,
    get connections() {
      return connections;
    },
    get error() {
      return error;
    },
    get endedAt() {
      return endedAt;
    },
    close: () => subscription.unsubscribe(),
  };
}

type Stream = ReturnType<typeof openStream>;

const errorCodeOf = (stream: Stream) => (stream.error?.data as { code?: string } | undefined)?.code;

function queuedEvent(projectId: string): ProgressEvent {
  return { type: "execution.queued", ...newAboutExecution(projectId) };
}

async function append(server: TestServer, member: TestMember, projectId: string): Promise<string> {
  return server.server.workflow.events.append(
    { tenantId: member.tenantId, projectId },
    queuedEvent(projectId),
  );
}

/** Waits until the stream is connected and live: an event appended now reaches it. */
async function untilLive(server: TestServer, member: TestMember, projectId: string, stream: Stream) {
  await vi.waitFor(async () => {
    if (stream.connections === 0) throw new Error("not connected yet");
    const before = stream.ids.length;
    await append(server, member, projectId);
    await vi.waitFor(() => expect(stream.ids.length).toBeGreaterThan(before), { timeout: 1000 });
  }, waitLong);
}

/**
 * A Redis of its own, the database on `target` and a server on both, for one describe block. The
 * Redis hooks are registered first: vitest runs after-hooks in reverse, so Redis stops last.
 */
function useServerOnRedis(target: DatabaseTarget, env: Record<string, string>) {
  let redis: TestRedisServer | undefined;
  const started = () => {
    if (!redis) throw new Error("useServerOnRedis: read it inside a hook or test, after its beforeAll");
    return redis;
  };
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  const suite = useTestServer(target, () => ({
    REDIS_URL: started().url,
    REDIS_KEY_PREFIX: started().keyPrefix(),
    ...env,
  }));
  return { suite, redisUrl: () => started().url };
}

describe("progress streams: one Redis reader per process, capped per user and per process", () => {
  const { suite, redisUrl } = useServerOnRedis(oneTarget, {
    SUBSCRIPTIONS_PER_USER: "40",
    SUBSCRIPTIONS_PER_PROCESS: "42",
  });
  let inspector: Redis;

  beforeAll(() => {
    inspector = new Redis(redisUrl(), { connectionName: "test-inspector" });
  });
  afterAll(async () => {
    await inspector?.quit();
  });

  /** Connections the server's event log holds, as Redis itself lists them (CLIENT LIST). */
  async function eventConnections(): Promise<number> {
    const clients = (await inspector.client("LIST")) as string;
    return clients.split("\n").filter((line) => /name=\S*events/.test(line)).length;
  }

  it("40 subscriptions on 40 projects hold at most 2 Redis connections, and each gets its own events", async () => {
    const member = await suite.member("editor");
    const client = suite.client(member);
    const projects = await Promise.all(
      Array.from({ length: 40 }, (_, i) => client.projects.create.mutate({ name: `p${i}` })),
    );
    const streams = projects.map((project) => openStream(client, project.id));
    await vi.waitFor(() => expect(streams.every((s) => s.connections === 1)).toBe(true), waitLong);
    for (const [i, project] of projects.entries())
      await untilLive(suite.server, member, project.id, streams[i] as Stream);

    const connections = await eventConnections();
    console.info(`streams: 40 subscriptions on 40 projects hold ${connections} Redis connections for events`);
    expect(connections).toBeLessThanOrEqual(2);

    // The 41st stream of the same user is refused, clearly.
    const refused = openStream(client, projects[0]?.id as string);
    await vi.waitFor(() => expect(refused.error).toBeDefined(), waitLong);
    expect(errorCodeOf(refused)).toBe("TOO_MANY_REQUESTS");
    expect(refused.error?.message).toMatch(/40 open progress streams per user/);
    // An SSE refusal cannot carry a retry-after header (the response has started): data carries it.
    expect(refused.error?.data).toMatchObject({ appCode: "RATE_LIMITED", retryAfterSeconds: 10 });
    expect(refused.ids).toEqual([]);

    // Another user still has room, up to the process cap of 42.
    const other = await suite.member("editor");
    const otherClient = suite.client(other);
    const otherProject = await otherClient.projects.create.mutate({ name: "other" });
    const allowed = [openStream(otherClient, otherProject.id), openStream(otherClient, otherProject.id)];
    await vi.waitFor(() => expect(allowed.every((s) => s.connections === 1)).toBe(true), waitLong);
    const overProcess = openStream(otherClient, otherProject.id);
    await vi.waitFor(() => expect(overProcess.error).toBeDefined(), waitLong);
    expect(errorCodeOf(overProcess)).toBe("TOO_MANY_REQUESTS");
    expect(overProcess.error?.message).toMatch(/42 open progress streams per server/);

    // Closed streams give their slots back.
    for (const stream of streams) stream.close();
    for (const stream of allowed) stream.close();
    const again = openStream(client, projects[0]?.id as string);
    await vi.waitFor(() => expect(again.connections).toBe(1), waitLong);
    expect(again.error).toBeUndefined();
    again.close();
  });

  it("a lastEventId beyond 64 bits is a BAD_REQUEST naming the field, not a 500", async () => {
    // A project the viewer may watch, so an unbounded id would reach Redis (which refuses it: a 500).
    const slug = uniqueSlug("tenant");
    const owner = await suite.member("owner", slug);
    const projectId = (await suite.client(owner).projects.create.mutate({ name: "Resumed" })).id;
    const client = suite.client(await suite.member("viewer", slug));
    // The largest id Redis accepts still opens the stream.
    const largest = openStream(client, projectId, "18446744073709551615-18446744073709551615");
    await vi.waitFor(() => expect(largest.connections).toBe(1), waitLong);
    expect(largest.error).toBeUndefined();
    largest.close();
    for (const lastEventId of ["18446744073709551616-0", "1-99999999999999999999"]) {
      const stream = openStream(client, projectId, lastEventId);
      await vi.waitFor(() => expect(stream.error).toBeDefined(), waitLong);
      expect(errorCodeOf(stream)).toBe("BAD_REQUEST");
      expect(stream.error?.data).toMatchObject({
        issues: [expect.objectContaining({ path: "lastEventId" })],
      });
      stream.close();
    }
  });
});

// The re-checks run tenant transactions under RLS: on both databases.
describe.each(databaseTargets())("progress streams end when access is taken away ($name)", (target) => {
  const recheckMs = 200;
  const { suite } = useServerOnRedis(target, { STREAM_ACCESS_RECHECK_MS: String(recheckMs) });

  /** An owner with a project and a second member of the same tenant (a viewer with a key of their own). */
  async function tenantWithViewer() {
    const slug = uniqueSlug("tenant");
    const owner = await suite.member("owner", slug);
    const viewer = await suite.member("viewer", slug);
    const ownerClient = suite.client(owner);
    const project = await ownerClient.projects.create.mutate({ name: "Watched" });
    return { owner, viewer, ownerClient, project };
  }

  type Tenant = Awaited<ReturnType<typeof tenantWithViewer>>;

  /**
   * Opens `watcher`'s stream of the tenant's project, waits until it is live, takes access away,
   * then measures how long the stream goes on delivering (printed for the record, as `what`).
   * Returns the error code the stream ended with.
   */
  async function streamEndAfter(
    tenant: Tenant,
    watcher: JeexClient,
    what: string,
    takeAway: () => Promise<unknown>,
  ) {
    const { owner, project } = tenant;
    const stream = openStream(watcher, project.id);
    await untilLive(suite.server, owner, project.id, stream);
    const takenAt = Date.now();
    await takeAway();
    const deliveredBefore = stream.ids.length;
    await vi.waitFor(async () => {
      await append(suite.server, owner, project.id).catch(() => undefined);
      expect(stream.endedAt).toBeDefined();
    }, waitLong);
    stream.close();
    console.info(
      `streams (${target.name}, re-check every ${recheckMs} ms): ended ${(stream.endedAt as number) - takenAt} ms after ${what}, ${stream.ids.length - deliveredBefore} events delivered meanwhile`,
    );
    return errorCodeOf(stream);
  }

  it("another tenant's member gets NOT_FOUND for the project's stream", async () => {
    const { project } = await tenantWithViewer();
    const stranger = await suite.member("owner");
    const stream = openStream(suite.client(stranger), project.id);
    await vi.waitFor(() => expect(stream.error).toBeDefined(), waitLong);
    expect(errorCodeOf(stream)).toBe("NOT_FOUND");
    expect(stream.ids).toEqual([]);
  });

  // No timed bound: without the re-check a stream outlives the 20 s wait (it ends only when its
  // client leaves), so each test fails there; how long it lived is printed for the record.
  it("revoking the key ends the stream", async () => {
    const tenant = await tenantWithViewer();
    const created = await tenant.ownerClient.apiKeys.create.mutate({ name: "watcher", role: "viewer" });
    const code = await streamEndAfter(
      tenant,
      suite.client({ apiKey: created.secret }),
      "the key was revoked",
      () => tenant.ownerClient.apiKeys.revoke.mutate({ apiKeyId: created.apiKey.id }),
    );
    expect(code).toBe("UNAUTHORIZED");
  });

  it("removing the member ends the stream", async () => {
    const tenant = await tenantWithViewer();
    const code = await streamEndAfter(tenant, suite.client(tenant.viewer), "the member was removed", () =>
      tenant.ownerClient.tenants.members.remove.mutate({ userId: tenant.viewer.userId }),
    );
    expect(["UNAUTHORIZED", "FORBIDDEN"]).toContain(code);
  });

  it("deleting the project ends the stream", async () => {
    const tenant = await tenantWithViewer();
    const code = await streamEndAfter(tenant, suite.client(tenant.viewer), "the project was deleted", () =>
      tenant.ownerClient.projects.delete.mutate({ projectId: tenant.project.id }),
    );
    expect(code).toBe("NOT_FOUND");
  });
});

describe("progress streams have a maximum lifetime, after which the client resumes", () => {
  const { suite } = useServerOnRedis(oneTarget, { STREAM_MAX_LIFETIME_MS: "1000" });

  it("the stream closes after its lifetime and the resume with lastEventId misses and repeats nothing", async () => {
    const member = await suite.member("editor");
    const projectId = (await suite.client(member).projects.create.mutate({ name: "Long" })).id;
    const stream = openStream(suite.client(member), projectId);
    await vi.waitFor(() => expect(stream.connections).toBe(1), waitLong);

    // Events keep coming while the stream is closed and resumed at least twice.
    const appended: string[] = [];
    const startedAt = Date.now();
    while (stream.connections < 3 || Date.now() - startedAt < 3000) {
      appended.push(await append(suite.server, member, projectId));
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (Date.now() - startedAt > 20_000) throw new Error(`only ${stream.connections} connections`);
    }
    await vi.waitFor(() => expect(stream.ids.length).toBeGreaterThanOrEqual(appended.length), waitLong);
    expect(stream.error).toBeUndefined();
    expect(stream.ids).toEqual(appended);
    console.info(
      `streams: ${appended.length} events over ${stream.connections} connections of a 1 s lifetime, none missed or repeated`,
    );
    stream.close();
  });
});

describe("progress streams: one tenant's users and keys share one cap", () => {
  const suite = useTestServer(oneTarget, { SUBSCRIPTIONS_PER_USER: "2", SUBSCRIPTIONS_PER_TENANT: "3" });

  it("the tenant's next stream is refused at its cap while other tenants still open theirs", async () => {
    const [first, second] = await suite.team("editor", "editor");
    if (!first || !second) throw new Error("a team of two");
    const projectId = (await suite.client(first).projects.create.mutate({ name: "Watched" })).id;
    const open = [
      openStream(suite.client(first), projectId),
      openStream(suite.client(first), projectId),
      openStream(suite.client(second), projectId),
    ];
    await vi.waitFor(() => expect(open.every((s) => s.connections === 1)).toBe(true), waitLong);

    // The second user is under the per-user cap, but the tenant is at its own.
    const refused = openStream(suite.client(second), projectId);
    await vi.waitFor(() => expect(refused.error).toBeDefined(), waitLong);
    expect(errorCodeOf(refused)).toBe("TOO_MANY_REQUESTS");
    expect(refused.error?.message).toMatch(/3 open progress streams per tenant/);

    const outsider = await suite.member("editor");
    const outsiderProject = (await suite.client(outsider).projects.create.mutate({ name: "Other" })).id;
    const elsewhere = openStream(suite.client(outsider), outsiderProject);
    await vi.waitFor(() => expect(elsewhere.connections).toBe(1), waitLong);
    expect(elsewhere.error).toBeUndefined();

    // A closed stream gives the tenant its slot back (the server lets go of it just after).
    open[0]?.close();
    await vi.waitFor(async () => {
      const again = openStream(suite.client(second), projectId);
      try {
        await vi.waitFor(() => expect(again.connections + (again.error ? 1 : 0)).toBe(1), waitLong);
        expect(again.error).toBeUndefined();
      } finally {
        again.close();
      }
    }, waitLong);
    for (const stream of [...open, elsewhere]) stream.close();
  });
});
