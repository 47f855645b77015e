import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createJeexClient } from "@jeex/client";
import type { Role } from "@jeex/contracts/common";
import { provisionApiKey } from "@jeex/core/api-keys";
import type { Database } from "@jeex/db/client";
import { type DatabaseTarget, uniqueSlug } from "@jeex/db/testing";
import { TRPCClientError } from "@trpc/client";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { type AppConfig, loadConfig } from "../../src/config.ts";
import type { DevCredentials } from "../../src/dev-credentials.ts";
import { createServer } from "../../src/server.ts";

export const tempDataDir = () => mkdtempSync(join(tmpdir(), "jeex-test-"));

export function testConfig(env: Record<string, string> = {}): AppConfig {
  // Rate limits are off unless a test turns them on: suites make more than 100 requests a minute.
  // Development mode (the bundled identity provider, /panel, demo credentials, development secrets)
  // is on unless a test turns it off with JEEX_DEV_MODE: "false" and supplies what it replaces.
  return loadConfig({
    NODE_ENV: "test",
    JEEX_DEV_MODE: "true",
    PORT: "0",
    LOG_LEVEL: "silent",
    DATA_DIR: tempDataDir(),
    RATE_LIMITS_ENABLED: "false",
    ...env,
  });
}

/** A real server listening on an ephemeral port, sharing the test's database handle. */
export async function startTestServer(db: Database, env: Record<string, string> = {}) {
  const config = testConfig(env);
  const server = createServer(config, { db });
  const { url } = await server.start();
  return { url, config, server, stop: () => server.stop() };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** The demo owner's key that a first start in development mode writes to $DATA_DIR. */
export const readDevCredentials = (dataDir: string) =>
  JSON.parse(readFileSync(join(dataDir, "dev-credentials.json"), "utf8")) as DevCredentials;

/**
 * Starts servers on the embedded database in a data dir the test picks (so a restart can reuse
 * it); each server started is stopped after its test.
 */
export function useEmbeddedServers() {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });
  return async (dataDir: string) => {
    const server = createServer(testConfig({ DATA_DIR: dataDir }));
    const { url } = await server.start();
    stops.push(() => server.stop());
    return { server, url };
  };
}

/** A server's variables, or a function of the suite's servers (those started before it), read when it starts. */
type ServerEnv<Name extends string> =
  | Record<string, string>
  | ((servers: Record<Name, TestServer>) => Record<string, string>);

/**
 * The suite's database on `target` and one real server over it per entry of `envs`: the database
 * opened and the servers started in that order before the suite's first test, stopped in reverse
 * and the database closed after its last. Read `db` and `servers.<name>` inside hooks and tests.
 */
export function useServersOnOneDatabase<Name extends string>(
  target: DatabaseTarget,
  envs: Record<Name, ServerEnv<Name>>,
) {
  const names = Object.keys(envs) as Name[];
  let db: Database | undefined;
  const running: Partial<Record<Name, TestServer>> = {};
  const notYet = (what: string) => new Error(`${what}: read it inside a hook or test, after its beforeAll`);
  const servers = {} as Record<Name, TestServer>;
  for (const name of names) {
    Object.defineProperty(servers, name, {
      get: () => {
        const server = running[name];
        if (!server) throw notYet(`server ${name}`);
        return server;
      },
    });
  }
  beforeAll(async () => {
    db = await target.open();
    for (const name of names) {
      const env = envs[name];
      running[name] = await startTestServer(db, typeof env === "function" ? env(servers) : env);
    }
    // Migrating a fresh PGlite database takes most of this when several suites share two cores.
  }, 120_000);
  afterAll(async () => {
    for (const name of names.toReversed()) await running[name]?.stop();
    await db?.close();
  });
  return {
    get db(): Database {
      if (!db) throw notYet("the suite's database");
      return db;
    },
    servers,
  };
}

/**
 * The suite's database on `target` and a real server over it: opened before the suite's first
 * test, stopped and closed after its last. Read the fields inside hooks and tests, once they exist.
 * `env` may be a function, read when the server starts (after the hooks registered before this call).
 */
export function useTestServer(
  target: DatabaseTarget,
  env: Record<string, string> | (() => Record<string, string>) = {},
) {
  const suite = useServersOnOneDatabase(target, { server: env });
  const started = () => ({ db: suite.db, server: suite.servers.server });
  return {
    get db() {
      return started().db;
    },
    get server() {
      return started().server;
    },
    get url() {
      return started().server.url;
    },
    get config() {
      return started().server.config;
    },
    /** A fresh member of `role` (in a fresh tenant unless `tenantSlug` names one). */
    member: (role: Role = "owner", tenantSlug?: string) =>
      provisionMember(started().db, started().server.config, role, tenantSlug),
    /** Fresh members of `roles`, in that order, all of one fresh tenant. */
    team: <const R extends readonly Role[]>(...roles: R) =>
      provisionTeam(started().db, started().server.config, roles),
    /** The typed client of `member` against this server. */
    client: (member: { apiKey: string | null }, extra: { tenantId?: string } = {}) =>
      clientFor(started().server.url, member, extra),
  };
}

/** One member of each role, all of one fresh tenant, made before the suite's first test. */
export function useMemberOfEachRole(suite: Pick<ReturnType<typeof useTestServer>, "team">) {
  const members = {} as Record<Role, TestMember>;
  // Registered after useTestServer's hooks, so the server is up by then.
  beforeAll(async () => {
    const [owner, admin, editor, viewer] = await suite.team("owner", "admin", "editor", "viewer");
    Object.assign(members, { owner, admin, editor, viewer });
  });
  return members;
}

export interface TestMember {
  apiKey: string;
  tenantId: string;
  userId: string;
  email: string;
}

/** A fresh tenant with one member of the given role, holding an API key. */
export async function provisionMember(
  db: Database,
  config: AppConfig,
  role: Role = "owner",
  tenantSlug = uniqueSlug("tenant"),
): Promise<TestMember> {
  const email = `${uniqueSlug(role)}@example.test`;
  const { apiKey, tenantId, userId } = await provisionApiKey(db.system, config.apiKeys, {
    tenantSlug,
    email,
    role,
  });
  return { apiKey, tenantId, userId, email };
}

/** Members of `roles`, in that order, all of one fresh tenant; one at a time, as the tenant is made by the first. */
export async function provisionTeam<const R extends readonly Role[]>(
  db: Database,
  config: AppConfig,
  roles: R,
): Promise<{ [K in keyof R]: TestMember }> {
  const tenantSlug = uniqueSlug("team");
  const members: TestMember[] = [];
  for (const role of roles) members.push(await provisionMember(db, config, role, tenantSlug));
  return members as { [K in keyof R]: TestMember };
}

/** `apiKey` may be a created key's secret, null only when a retried create answered (then it throws). */
export function clientFor(url: string, member: { apiKey: string | null }, extra: { tenantId?: string } = {}) {
  if (member.apiKey === null) throw new Error("no secret: a retried apiKeys.create does not return it");
  return createJeexClient({ url, apiKey: member.apiKey, ...extra });
}

/**
 * Awaits a typed-client call that must fail with the given tRPC code; returns the error for more
 * checks. `what` names the call in a failure, where one test makes several.
 */
export async function expectTrpcError(call: Promise<unknown>, code: string, what = "the call") {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}, ${what} succeeded`).toBeInstanceOf(TRPCClientError);
  const data = (error as TRPCClientError<never>).data as { code: string; httpStatus: number } | undefined;
  expect(data?.code, `the code of ${what}`).toBe(code);
  return error as TRPCClientError<never>;
}

/** Makes each named call in turn; every one must fail with `code`. */
export async function expectEachTrpcError(code: string, calls: Record<string, () => Promise<unknown>>) {
  for (const [what, call] of Object.entries(calls)) await expectTrpcError(call(), code, what);
}
