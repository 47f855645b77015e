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
// workflow.status reads the project, the latest run per step and the active documents (with
// their content, as the repository does); documents.get the document and its active version.
const PROJECT_SQL = "select id from projects where id = $1 and tenant_id = $2 and deleted_at is null";
const LATEST_RUNS_SQL =
  "select distinct on (step) * from agent_executions where tenant_id = $1 and project_id = $2 order by step, id desc";
const ACTIVE_DOCUMENTS_SQL =
  "select d.*, v.version, v.content, v.needs_review from documents d join document_versions v " +
  "on v.id = d.active_version_id where d.tenant_id = $1 and d.project_id = $2 and not d.retired order by d.path";
const DOCUMENT_SQL =
  "select d.*, v.id as version_id, v.version, v.title as version_title, v.content, v.source, v.created_at as version_created_at " +
  "from documents d join document_versions v on v.id = d.active_version_id where d.id = $1 and d.tenant_id = $2";
// The API makes time-ordered ids in JS (uuid v7); the bare route lets Postgres make a random one.
const CREATE_SQL =
  "insert into projects (id, tenant_id, name, created_by) values (gen_random_uuid(), $1, $2, $3) returning *";
const STEPS = ["about", "architecture", "plan", "specs"];

type Row = Record<string, unknown> & { id: string };
type Run = (statement: string, params: unknown[]) => Promise<Row[]>;

export interface BareServer {
  url: string;
  driver: string;
  stop(): Promise<void>;
}

/** Own postgres.js pool of the API's size; named (prepared) statements, as the API's tenant path uses. */
export function bareOnPostgres(databaseUrl: string, poolSize: number): Promise<BareServer> {
  const client = postgres(databaseUrl, { max: poolSize, onnotice: () => {} });
  const run: Run = (statement, params) =>
    client.unsafe<Row[]>(statement, params as never[], { prepare: true });
  return listen(run, `postgres.js pool (${poolSize}), prepared statements`, () => client.end({ timeout: 5 }));
}

/** PGlite: the handle the API also uses (one per data directory), queried directly. */
export function bareOnPglite(client: PGlite): Promise<BareServer> {
  const run: Run = async (statement, params) => (await client.query<Row>(statement, params)).rows;
  return listen(run, "PGlite client shared with the API (not postgres.js)", async () => {});
}

type Query = { tenantId?: string; projectId?: string; documentId?: string; userId?: string };

async function listen(run: Run, driver: string, closeDatabase: () => Promise<void>) {
  const app = Fastify({ logger: false });
  app.get<{ Querystring: Query }>("/projects", async (request, reply) => {
    const { tenantId } = request.query;
    if (!tenantId) return reply.code(400).send({ error: "tenantId is required" });
    const rows = await run(LIST_SQL, [tenantId]);
    const items = rows.slice(0, PAGE_SIZE);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > PAGE_SIZE && last ? last.id : null };
  });
  app.get<{ Querystring: Query }>("/status", async (request, reply) => {
    const { tenantId, projectId } = request.query;
    if (!tenantId || !projectId)
      return reply.code(400).send({ error: "tenantId and projectId are required" });
    if ((await run(PROJECT_SQL, [projectId, tenantId])).length === 0) return reply.code(404).send({});
    const [runs, docs] = await Promise.all([
      run(LATEST_RUNS_SQL, [tenantId, projectId]),
      run(ACTIVE_DOCUMENTS_SQL, [tenantId, projectId]),
    ]);
    return {
      projectId,
      steps: STEPS.map((step) => ({
        step,
        status: runs.find((r) => r.step === step)?.status ?? "not_started",
        activeDocuments: docs.filter((d) => d.step === step).length,
      })),
    };
  });
  app.get<{ Querystring: Query }>("/document", async (request, reply) => {
    const { tenantId, documentId } = request.query;
    if (!tenantId || !documentId)
      return reply.code(400).send({ error: "tenantId and documentId are required" });
    const [row] = await run(DOCUMENT_SQL, [documentId, tenantId]);
    return row ?? reply.code(404).send({});
  });
  app.post<{ Querystring: Query; Body: { name?: string } }>("/projects", async (request, reply) => {
    const { tenantId, userId } = request.query;
    const name = request.body?.name;
    if (!tenantId || !userId || !name)
      return reply.code(400).send({ error: "tenantId, userId and name are required" });
    const [row] = await run(CREATE_SQL, [tenantId, name, userId]);
    return row;
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
