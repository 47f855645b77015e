import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// PGlite is a single-process database: two processes opening one data directory would corrupt it.

const lockPath = (dataDir: string) => join(dataDir, "pg.lock");

function lockHolder(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockPath(dataDir), "utf8"));
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

export function acquireEmbeddedLock(dataDir: string): () => void {
  const holder = lockHolder(dataDir);
  if (holder !== undefined && holder !== process.pid) {
    throw new Error(
      `the embedded database in ${dataDir} is in use by process ${holder}; stop it first or set DATABASE_URL`,
    );
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(lockPath(dataDir), String(process.pid));
  return () => rmSync(lockPath(dataDir), { force: true });
}
