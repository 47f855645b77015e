import type { Database } from "@jeex/db/client";
import { createDocumentRepository } from "@jeex/db/repositories";
import type { TenantScope } from "@jeex/db/tenant";

// A synthetic, deterministic documentation pack for the memory benchmark: documents of many
// Markdown sections drawn from a product-planning vocabulary, so chunks differ the way real
// ones do (shared domain words, distinct details).

const vocabulary = (
  "tenant project walker owner booking payment stripe refund schedule route gps tracking map review rating " +
  "postgres redis queue worker retry breaker latency throughput cache index shard replica backup restore " +
  "login session token oauth scope role admin viewer editor audit export archive manifest version diff " +
  "epic milestone risk dependency estimate testing coverage lint deploy container kubernetes metrics trace " +
  "alert dashboard budget invoice notification email push mobile offline sync conflict merge search memory " +
  "embedding vector chunk heading paragraph summary decision context constraint option consequence standard"
).split(" ");

/** mulberry32: a tiny seeded PRNG, so every run benchmarks the same corpus. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(random: () => number): string {
  const words = Array.from(
    { length: 8 + Math.floor(random() * 10) },
    () => vocabulary[Math.floor(random() * vocabulary.length)],
  );
  const text = words.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** A document of `sections` sections, each one chunk long (≈ 500–900 characters). */
export function syntheticDocument(index: number, sections: number): string {
  const random = seeded(index + 1);
  const parts = [`# Document ${index}`];
  for (let s = 0; s < sections; s++) {
    parts.push(`## Section ${s}: ${sentence(random).slice(0, 40)}`);
    parts.push(Array.from({ length: 6 + Math.floor(random() * 4) }, () => sentence(random)).join(" "));
  }
  return parts.join("\n\n");
}

/** A query in the corpus' vocabulary. */
export function syntheticQuery(index: number): string {
  return sentence(seeded(1_000_000 + index));
}

const scores = { fleschReadingEase: 50, gradeLevel: 10, wordCount: 1000 };

/** Creates the documents (each with one active version) and returns what an index job needs. */
export async function seedDocuments(
  db: Database,
  scope: TenantScope,
  projectId: string,
  count: number,
  sections: number,
) {
  const created: { documentId: string; versionId: string }[] = [];
  for (let i = 0; i < count; i++) {
    created.push(
      await db.withTenant(scope, async (tx) => {
        const documents = createDocumentRepository(tx);
        const path = `docs/plans/${String(i).padStart(3, "0")}-bench.md`;
        const doc = await documents.upsertByPath({
          projectId,
          step: "plan",
          kind: "plan-epic",
          path,
          title: `Epic ${i}`,
        });
        const content = syntheticDocument(i, sections);
        const version = await documents.insertVersion(
          { documentId: doc.id, title: `Epic ${i}`, content, source: "agent", scores },
          projectId,
        );
        await documents.activate(doc.id, version.id, `Epic ${i}`);
        return { documentId: doc.id, versionId: version.id };
      }),
    );
  }
  return created;
}
