// `pnpm bench` (after projects.list) or `pnpm --filter @jeex/bench bench:memory`: project memory on
// the embedded vector store — index throughput of the whole pipeline (read version, chunk, hashing
// embedder, write memory_chunks) and memory.search latency on a project of 10,000 chunks, measured
// on the core search function (tenant transaction + RLS, embed, exact cosine search, load hits).
import { provisionApiKey } from "@jeex/core/api-keys";
import {
  createEmbeddedVectorStore,
  createHashingEmbedder,
  indexDocumentVersion,
  searchMemory,
} from "@jeex/core/memory";
import { createProjectRepository } from "@jeex/db/repositories";
import { openMigratedDatabase, resolveDatabaseTarget } from "./database-target.ts";
import { sampleMachine } from "./machine.ts";
import { seedDocuments, syntheticQuery } from "./memory-corpus.ts";
import { mergeIntoResultsFile, RESULTS_PATH } from "./report.ts";

const DOCUMENTS = 200;
const SECTIONS_PER_DOCUMENT = 50; // one chunk each: 10,000 chunks
const QUERIES = 200;
const WARMUP_QUERIES = 20;
/** Searches with a fresh store each (nothing decoded yet): the first search of a project in a process. */
const COLD_QUERIES = 20;
const LIMIT = 10;

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function runMemoryBenchmark(resultsPath = RESULTS_PATH): Promise<void> {
  const machine = await sampleMachine();
  const target = await resolveDatabaseTarget(process.env);
  console.log(`\nmemory benchmark — database: ${target.note}`);
  if (machine.cpu_idle_pct_before < 80)
    console.log("!!! something else is using the CPUs: expect noisy, pessimistic numbers");
  const db = await openMigratedDatabase(target, "jeex-memory-bench");
  try {
    const { tenantId, userId } = await provisionApiKey(
      db.system,
      { hashKey: "memory-bench-hash-key-of-32-characters!" },
      {
        tenantSlug: `memory-bench-${Date.now()}`,
        email: "bench@example.test",
        role: "owner",
      },
    );
    const scope = { tenantId, userId };
    const project = await db.withTenant(scope, (tx) =>
      createProjectRepository(tx).insert({ name: "Memory bench", description: "", language: "en" }),
    );
    const documents = await seedDocuments(db, scope, project.id, DOCUMENTS, SECTIONS_PER_DOCUMENT);

    const embedder = createHashingEmbedder();
    const vectors = createEmbeddedVectorStore();
    const deps = { db, embedder, vectors };
    let chunks = 0;
    const indexStarted = performance.now();
    for (const doc of documents) {
      const outcome = await indexDocumentVersion(deps, { ...scope, ...doc, requestedAt: Date.now() });
      if (outcome.kind === "indexed") chunks += outcome.chunks;
    }
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    console.log(`indexed ${chunks} chunks of ${documents.length} documents in ${indexSeconds.toFixed(2)} s`);

    // As memory.search runs it: project check and vector read in short transactions, the embedding between.
    const search = (query: string, store = vectors) =>
      searchMemory(
        { db, access: scope, embedder, vectors: store },
        { projectId: project.id, query, limit: LIMIT },
      );
    const cold: number[] = [];
    for (let i = 0; i < COLD_QUERIES; i++) {
      const started = performance.now();
      await search(syntheticQuery(-100 - i), createEmbeddedVectorStore());
      cold.push(performance.now() - started);
    }
    cold.sort((a, b) => a - b);
    for (let i = 0; i < WARMUP_QUERIES; i++) await search(syntheticQuery(-1 - i));
    const latencies: number[] = [];
    let hits = 0;
    for (let i = 0; i < QUERIES; i++) {
      const started = performance.now();
      const result = await search(syntheticQuery(i));
      latencies.push(performance.now() - started);
      hits += result.hits.length;
    }
    latencies.sort((a, b) => a - b);

    const result = {
      database: db.driver,
      node: process.version,
      timestamp: new Date().toISOString(),
      ...machine,
      embedder: `${embedder.name} (${embedder.dimension} dimensions)`,
      vector_store: vectors.kind,
      index: {
        documents: documents.length,
        chunks,
        seconds: round(indexSeconds, 3),
        chunks_per_s: round(chunks / indexSeconds, 1),
      },
      search: {
        project_chunks: chunks,
        queries: QUERIES,
        warmup_queries: WARMUP_QUERIES,
        limit: LIMIT,
        mean_hits: round(hits / QUERIES, 1),
        latency_mean_ms: round(latencies.reduce((sum, value) => sum + value, 0) / latencies.length),
        latency_p50_ms: round(percentile(latencies, 50)),
        latency_p90_ms: round(percentile(latencies, 90)),
        latency_p99_ms: round(percentile(latencies, 99)),
        latency_max_ms: round(latencies.at(-1) ?? 0),
        // The first search of a project in a process decodes all its vectors; later ones reuse them.
        cold_queries: COLD_QUERIES,
        cold_latency_p50_ms: round(percentile(cold, 50)),
        cold_latency_max_ms: round(cold.at(-1) ?? 0),
      },
      warnings: [
        ...(target.kind === "pglite" ? ["database is the embedded PGlite fallback, not Postgres"] : []),
        ...(machine.cpu_idle_pct_before < 80
          ? [`only ${machine.cpu_idle_pct_before}% CPU idle before the run`]
          : []),
      ],
    };
    console.log(
      `index: ${result.index.chunks_per_s} chunks/s; search over ${chunks} chunks: ` +
        `p50 ${result.search.latency_p50_ms} ms, p99 ${result.search.latency_p99_ms} ms (target p99 < 100 ms; measured, not asserted); ` +
        `first search in a process p50 ${result.search.cold_latency_p50_ms} ms`,
    );
    await mergeIntoResultsFile(resultsPath, { memory: result });
    console.log(`wrote "memory" into ${resultsPath}`);
  } finally {
    await db.close();
    await target.cleanup();
  }
}

if (import.meta.main) await runMemoryBenchmark();
