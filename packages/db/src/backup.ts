import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";

/**
 * The embedded database's whole data directory as one gzipped tarball (PGlite's own dump), so
 * every project, document version and export archive comes back together. PGlite is
 * single-process: the caller holds the embedded lock, so no server has the directory open.
 */
export async function dumpEmbeddedDatabase(dataDir: string): Promise<Uint8Array> {
  if (!existsSync(dataDir)) throw new Error(`no embedded database at ${dataDir}`);
  const pg = new PGlite(dataDir);
  try {
    // dumpDataDir before the cluster is ready never settles.
    await pg.waitReady;
    const archive = await pg.dumpDataDir("gzip");
    return new Uint8Array(await archive.arrayBuffer());
  } finally {
    await pg.close();
  }
}

/** Restores a dump into a data directory that must not hold a database yet (nothing is overwritten). */
export async function restoreEmbeddedDatabase(archive: Uint8Array, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} already holds a database; restore into an empty data directory`);
  }
  mkdirSync(dataDir, { recursive: true });
  const pg = new PGlite({ dataDir, loadDataDir: new Blob([archive]) });
  try {
    await pg.waitReady;
    // A cheap read proves the restored cluster opens, before anyone relies on it.
    await pg.query("select 1");
  } finally {
    await pg.close();
  }
}
