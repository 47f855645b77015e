import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback } from "../../support/listen-on-loopback.ts";

// An HTTP double of the Qdrant REST endpoints the adapter calls, written from Qdrant's API
// reference (https://api.qdrant.tech/api-reference): answers in Qdrant's envelope
// ({ result, status: "ok", time } or { status: { error }, time }), keeps points in memory with
// real filter and cosine semantics, and checks every request's shape. A request that breaks a
// rule (a points query without both tenant and project must-conditions, an incomplete payload,
// the wrong index settings) is answered with 400 and recorded in `violations`, which tests assert
// to be empty.

// biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON the double inspects.
type Json = any;

interface StoredPoint {
  id: string;
  vector: number[];
  payload: Record<string, unknown>;
}

interface Collection {
  size: number;
  distance: string;
  hnsw: Json;
  payloadSchema: Record<string, Json>;
  points: Map<string, StoredPoint>;
}

export interface RecordedQdrantRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Json;
}

/** Payload fields every point must carry (the spec's list, plus what search hits show). */
export const requiredPayloadFields = [
  "tenant_id",
  "project_id",
  "type",
  "visibility",
  "version",
  "lang",
  "tags",
  "path",
  "document_id",
  "version_id",
  "heading",
  "text",
  "content_hash",
] as const;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startQdrantDouble() {
  const collections = new Map<string, Collection>();
  const requests: RecordedQdrantRequest[] = [];
  const violations: string[] = [];
  /** Statuses to answer the next points requests with, before behaving normally (fault injection). */
  const failures: number[] = [];
  let operationId = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://double");
      const body: Json = text ? JSON.parse(text) : undefined;
      requests.push({ method: req.method ?? "", path: url.pathname, query: url.searchParams, body });
      try {
        route(req, res, url, body);
      } catch (error) {
        reply(res, 500, { status: { error: `double crashed: ${(error as Error).message}` }, time: 0 });
      }
    });
  });

  function route(req: IncomingMessage, res: ServerResponse, url: URL, body: Json) {
    const match = /^\/collections\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!match) return notFound(res, `no route ${req.method} ${url.pathname}`);
    const name = decodeURIComponent(match[1] as string);
    const rest = match[2] ?? "";
    const collection = collections.get(name);
    const route = `${req.method} ${rest}`;

    if (route === "GET /exists") return ok(res, { exists: Boolean(collection) });
    if (route === "PUT ") return createCollection(res, name, body);
    if (!collection) return notFound(res, `Collection \`${name}\` doesn't exist!`);
    if (route === "GET ") return ok(res, collectionInfo(collection));
    if (route === "PUT /index") return createIndex(res, collection, body, url);
    if (rest.startsWith("/points") && failures.length > 0) {
      const status = failures.shift() as number;
      return reply(res, status, { status: { error: `injected failure ${status}` }, time: 0 });
    }
    if (route === "PUT /points") return upsert(res, collection, body, url);
    if (route === "POST /points/delete") return deletePoints(res, collection, body, url);
    if (route === "POST /points/query") return query(res, collection, body);
    return notFound(res, `no route ${route}`);
  }

  function violation(res: ServerResponse, message: string) {
    violations.push(message);
    reply(res, 400, { status: { error: `Bad request: ${message}` }, time: 0 });
  }

  function createCollection(res: ServerResponse, name: string, body: Json) {
    if (collections.has(name)) {
      return reply(res, 409, {
        status: { error: `Wrong input: Collection \`${name}\` already exists!` },
        time: 0,
      });
    }
    const vectors = body?.vectors;
    if (!Number.isInteger(vectors?.size) || vectors.size < 1)
      return violation(res, "create: vectors.size missing");
    if (vectors.distance !== "Cosine")
      return violation(res, `create: distance ${vectors.distance}, expected Cosine`);
    if (body.hnsw_config?.m !== 0 || body.hnsw_config?.payload_m !== 16) {
      return violation(
        res,
        `create: hnsw_config ${JSON.stringify(body.hnsw_config)}, expected m 0 and payload_m 16`,
      );
    }
    collections.set(name, {
      size: vectors.size,
      distance: vectors.distance,
      hnsw: {
        m: 0,
        ef_construct: 100,
        full_scan_threshold: 10000,
        max_indexing_threads: 0,
        on_disk: false,
        payload_m: 16,
      },
      payloadSchema: {},
      points: new Map(),
    });
    ok(res, true);
  }

  function createIndex(res: ServerResponse, collection: Collection, body: Json, url: URL) {
    const { field_name: field, field_schema: schema } = body ?? {};
    if (field === "tenant_id" && !(schema?.type === "keyword" && schema.is_tenant === true)) {
      return violation(res, `index tenant_id: ${JSON.stringify(schema)}, expected keyword with is_tenant`);
    }
    if (field === "project_id" && schema?.type !== "keyword") {
      return violation(res, `index project_id: ${JSON.stringify(schema)}, expected keyword`);
    }
    if (field !== "tenant_id" && field !== "project_id")
      return violation(res, `unexpected index on ${field}`);
    collection.payloadSchema[field] = {
      data_type: "keyword",
      params: schema,
      points: collection.points.size,
    };
    ok(res, updateResult(url));
  }

  function upsert(res: ServerResponse, collection: Collection, body: Json, url: URL) {
    const points: Json[] = body?.points;
    if (!Array.isArray(points)) return violation(res, "upsert: points must be a list");
    for (const point of points) {
      if (typeof point.id !== "string" || !uuidPattern.test(point.id))
        return violation(res, `upsert: id ${point.id} is not a UUID`);
      if (!Array.isArray(point.vector) || point.vector.length !== collection.size) {
        return violation(
          res,
          `upsert: vector of ${point.vector?.length} dimensions, collection has ${collection.size}`,
        );
      }
      const missing = requiredPayloadFields.filter((field) => point.payload?.[field] === undefined);
      if (missing.length) return violation(res, `upsert: payload lacks ${missing.join(", ")}`);
      if (!uuidPattern.test(point.payload.tenant_id) || !uuidPattern.test(point.payload.project_id)) {
        return violation(res, "upsert: tenant_id and project_id must be UUIDs");
      }
    }
    for (const point of points)
      collection.points.set(point.id, { id: point.id, vector: unit(point.vector), payload: point.payload });
    ok(res, updateResult(url));
  }

  function deletePoints(res: ServerResponse, collection: Collection, body: Json, url: URL) {
    if (body?.points) return violation(res, "delete: by id list; deletes must go by a tenant+project filter");
    const problem = scopeProblem(body?.filter);
    if (problem) return violation(res, `delete: ${problem}`);
    for (const point of [...collection.points.values()]) {
      if (matches(body.filter, point)) collection.points.delete(point.id);
    }
    ok(res, updateResult(url));
  }

  function query(res: ServerResponse, collection: Collection, body: Json) {
    const problem = scopeProblem(body?.filter);
    if (problem) return violation(res, `query: ${problem}`);
    if (!Array.isArray(body.query) || body.query.length !== collection.size) {
      return violation(res, `query: a ${collection.size}-dimensional vector is required`);
    }
    if (body.with_payload !== true) return violation(res, "query: with_payload must be true");
    const q = unit(body.query);
    const limit = Number.isInteger(body.limit) ? body.limit : 10;
    const points = [...collection.points.values()]
      .filter((point) => matches(body.filter, point))
      .map((point) => ({ id: point.id, version: 0, score: dot(q, point.vector), payload: point.payload }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
    ok(res, { points });
  }

  return {
    url: await listenOnLoopback(server),
    requests,
    violations,
    collections,
    /** The next points requests answer with these statuses, one each. */
    failNext(...statuses: number[]): void {
      failures.push(...statuses);
    },
    /** Requests that read or change points (everything tenant data flows through). */
    pointRequests: () => requests.filter((r) => r.path.includes("/points")),
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };

  function updateResult(url: URL) {
    return {
      operation_id: ++operationId,
      status: url.searchParams.get("wait") === "true" ? "completed" : "acknowledged",
    };
  }
}

export type QdrantDouble = Awaited<ReturnType<typeof startQdrantDouble>>;

/** Why a filter does not confine a request to one tenant's project, or undefined when it does. */
function scopeProblem(filter: Json): string | undefined {
  const must: Json[] = Array.isArray(filter?.must) ? filter.must : [];
  const matchedValue = (key: string) =>
    must.find((condition) => condition?.key === key && "value" in (condition.match ?? {}))?.match.value;
  const tenant = matchedValue("tenant_id");
  const project = matchedValue("project_id");
  if (typeof tenant !== "string" || !uuidPattern.test(tenant)) return "filter.must lacks a tenant_id match";
  if (typeof project !== "string" || !uuidPattern.test(project))
    return "filter.must lacks a project_id match";
  if (filter.should !== undefined) return "a should clause could widen the tenant filter";
  return undefined;
}

function matches(filter: Json, point: StoredPoint): boolean {
  const must: Json[] = filter?.must ?? [];
  const mustNot: Json[] = filter?.must_not ?? [];
  return (
    must.every((condition) => holds(condition, point)) &&
    !mustNot.some((condition) => holds(condition, point))
  );
}

function holds(condition: Json, point: StoredPoint): boolean {
  if (Array.isArray(condition.has_id)) return condition.has_id.includes(point.id);
  const value = point.payload[condition.key];
  if ("value" in (condition.match ?? {})) return value === condition.match.value;
  if (Array.isArray(condition.match?.any)) return condition.match.any.includes(value);
  throw new Error(`the double does not implement condition ${JSON.stringify(condition)}`);
}

function collectionInfo(collection: Collection) {
  return {
    status: "green",
    optimizer_status: "ok",
    indexed_vectors_count: 0,
    points_count: collection.points.size,
    segments_count: 1,
    config: {
      params: {
        vectors: { size: collection.size, distance: collection.distance },
        shard_number: 1,
        replication_factor: 1,
        write_consistency_factor: 1,
        on_disk_payload: true,
      },
      hnsw_config: collection.hnsw,
      optimizer_config: {
        deleted_threshold: 0.2,
        vacuum_min_vector_number: 1000,
        default_segment_number: 0,
        flush_interval_sec: 5,
      },
      wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0 },
      quantization_config: null,
    },
    payload_schema: collection.payloadSchema,
  };
}

function unit(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  return norm === 0 ? vector : vector.map((x) => x / norm);
}

function dot(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function ok(res: ServerResponse, result: unknown): void {
  reply(res, 200, { result, status: "ok", time: 0.000_1 });
}

function notFound(res: ServerResponse, error: string): void {
  reply(res, 404, { status: { error: `Not found: ${error}` }, time: 0 });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
