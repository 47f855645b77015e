import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { distDir, measureInitialJs } from "../../scripts/initial-js-size.ts";

// Runs in the e2e project, whose global setup builds dist/ when it is missing or stale.
const assetsDir = join(distDir, "assets");
const scripts = readdirSync(assetsDir).filter((file) => file.endsWith(".js"));

/** Server-side code that must never be shipped to a browser, by the module path it comes from. */
const SERVER_MODULES = [
  /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?fastify\//,
  /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?@fastify\//,
  /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?drizzle-orm\//,
  /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?postgres\//,
  /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?@electric-sql\/pglite\//,
  /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?@trpc\/server\/dist\/(adapters|http)/,
  /packages\/(core|db)\//,
  /apps\/api\//,
];

describe("the production bundle", () => {
  const files = new Set(readdirSync(assetsDir));
  const mapped = scripts.filter((file) => files.has(`${file}.map`));

  it("was built with source maps, so every module in it can be named", () => {
    expect(scripts.length).toBeGreaterThan(0);
    // Rolldown writes no map for its own runtime helpers, nor for a facade chunk that only
    // re-exports another chunk; anything else without one could hide where its code came from.
    const unmapped = scripts.filter(
      (file) => !files.has(`${file}.map`) && !file.startsWith("rolldown-runtime-"),
    );
    for (const file of unmapped) {
      const code = readFileSync(join(assetsDir, file), "utf8");
      expect(code.replace(/(?:export|import)\s*[^;]*?["']\.\/[^"']+\.js["'];?/g, "").trim(), file).toBe("");
    }
  });

  it("contains no server code: no Fastify, drizzle, postgres, PGlite, @jeex/core or @jeex/db", () => {
    const offenders: string[] = [];
    for (const file of mapped) {
      const map = JSON.parse(readFileSync(join(assetsDir, `${file}.map`), "utf8")) as { sources: string[] };
      for (const source of map.sources) {
        if (SERVER_MODULES.some((pattern) => pattern.test(source))) offenders.push(`${file}: ${source}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("imports no node: builtins", () => {
    const offenders = scripts.filter((file) =>
      /(?:from\s*|import\s*\(?\s*)["']node:/.test(readFileSync(join(assetsDir, file), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("loads at most 200 KB gzip of JavaScript before the first page renders (Mermaid and the editor lazy)", () => {
    const initial = measureInitialJs();
    process.stderr.write(`initial JavaScript: ${initial.gzipKb} KB gzip (${initial.files.length} files)\n`);
    const names = initial.files.map((f) => f.file).join(" ");
    expect(names).not.toMatch(/mermaid|codemirror|cytoscape|elk/i);
    expect(initial.gzipKb).toBeLessThanOrEqual(200);
  });
});
