import type { AddressInfo } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import Fastify from "fastify";
import postgres from "postgres";

/**
 * The SQL the tRPC `projects.list` path runs for a first page of the default size 20
 * (the repository fetches limit + 1 to know whether a next page exists), minus tenancy:
 * no API key, no transaction, no set_config, no RLS role.
 */
export const LIST_SQL =
  "select * from projects where tenant_id = $1 and deleted_at is null order by id desc limit 21";
const PAGE_SIZE = 20;

type Row = Record<string, unknown> & { id: string };
type RunList = (tenantId: string) => Promise<Row[]>;

export interface BareServer {
  url: string;
  driver: string;
  stop(): Promise<void>;
}

/** Own postgres.js pool of the API's size; unnamed statements, as drizzle sends them. */
export function bareOnPostgres(databaseUrl: string, poolSize: number): Promise<BareServer> {
  const client = postgres(databaseUrl, { max: poolSize, onnotice: () => {} });
  const run: RunList = (tenantId) => client.unsafe<Row[]>(LIST_SQL, [tenantId], { prepare: false });
  return listen(run, `postgres.js pool (${poolSize})`, () => client.end({ timeout: 5 }));
}

/** PGlite: the handle the API also uses (one per data directory), queried directly. */
export function bareOnPglite(client: PGlite): Promise<BareServer> {
  const run: RunList = async (tenantId) => (await client.query<Row>(LIST_SQL, [tenantId])).rows;
  return listen(run, "PGlite client shared with the API (not postgres.js)", async () => {});
}

async function listen(run: RunList, driver: string, closeDatabase: () => Promise<void>) {
  const app = Fastify({ logger: false });
  app.get<{ Querystring: { tenantId?: string } }>("/projects", async (request, reply) => {
    const tenantId = request.query.tenantId;
    if (!tenantId) return reply.code(400).send({ error: "tenantId is required" });
    const rows = await run(tenantId);
    const items = rows.slice(0, PAGE_SIZE);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > PAGE_SIZE && last ? last.id : null };
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    driver,
    stop: async () => {
      await app.close();
      await closeDatabase();
    },
  };
}
