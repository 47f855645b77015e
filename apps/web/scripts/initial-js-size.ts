// Reports the JavaScript a first visit downloads before anything renders: the entry chunk that
// index.html loads plus everything it imports statically (lazy routes, Mermaid and the editor
// load later and are not counted), in KB after gzip.
//
// Usage: node apps/web/scripts/initial-js-size.ts   (after pnpm --filter @jeex/web build)

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const distDir = fileURLToPath(new URL("../dist", import.meta.url));

const staticImport = /(?:^|[;}\s)])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.\/[^"']+\.js)["']/g;

/** The entry script of index.html and its modulepreloads: Vite lists the static imports there. */
function entryFiles(html: string): string[] {
  const files = new Set<string>();
  for (const match of html.matchAll(/<script[^>]+type="module"[^>]+src="\/assets\/([^"]+\.js)"/g)) {
    if (match[1]) files.add(match[1]);
  }
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/assets\/([^"]+\.js)"/g)) {
    if (match[1]) files.add(match[1]);
  }
  return [...files];
}

export interface InitialJs {
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipKb: number;
}

export function measureInitialJs(dist = distDir): InitialJs {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const seen = new Set<string>();
  const queue = entryFiles(html);
  // Also follow the chunks' own static imports, in case a preload link were missing.
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, "assets", file), "utf8");
    for (const match of code.matchAll(staticImport)) if (match[1]) queue.push(match[1].slice(2));
  }
  const files = [...seen].map((file) => {
    const code = readFileSync(join(dist, "assets", file));
    return { file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
  });
  const gzipKb = files.reduce((sum, f) => sum + f.gzipBytes, 0) / 1024;
  return { files, gzipKb: Math.round(gzipKb * 10) / 10 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { files, gzipKb } = measureInitialJs();
  for (const f of files) {
    process.stdout.write(
      `${f.file}  ${(f.bytes / 1024).toFixed(1)} KB, ${(f.gzipBytes / 1024).toFixed(1)} KB gzip\n`,
    );
  }
  process.stdout.write(`initial JavaScript: ${gzipKb} KB gzip (${files.length} files)\n`);
}
