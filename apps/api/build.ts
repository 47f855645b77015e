// Bundles the API's entry points into dist/*.js for production images.
//
// Why: workspace packages (@jeex/*) export .ts sources. Node strips types only outside
// node_modules, and `pnpm deploy` puts workspace packages inside node_modules, so production
// runs a JS bundle instead. @jeex/* code is bundled in; every other package stays external and
// is resolved at run time from this package's node_modules, so each one must be a direct
// dependency of @jeex/api. The build checks that and fails otherwise.
//
// Usage: node build.ts   (from apps/api; `pnpm --filter @jeex/api build` from the root)

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { buildIfStale } from "../web/scripts/build-if-stale.ts";

const appDir = dirname(fileURLToPath(import.meta.url));
const srcDir = join(appDir, "src");
const outDir = join(appDir, "dist");

// main.ts is the server and must exist; the CLIs are bundled when present.
const REQUIRED_ENTRY = "main.ts";
const OPTIONAL_ENTRIES = [
  "admin.ts",
  "migrate.ts",
  "worker.ts",
  "telemetry/register-api.ts",
  "telemetry/register-worker.ts",
];

if (!existsSync(join(srcDir, REQUIRED_ENTRY))) {
  process.stderr.write(`build: ${relative(process.cwd(), join(srcDir, REQUIRED_ENTRY))} is missing\n`);
  process.exit(1);
}
// The text-work pool (packages/core/src/text-work/pool.ts) starts its threads from a file beside
// the bundle that loads it, so its entry is bundled on its own under the name the pool expects.
const TEXT_WORK_ENTRY = {
  in: join(appDir, "../../packages/core/src/text-work/worker.ts"),
  out: "text-work-worker",
};
const entryPoints = [
  ...[REQUIRED_ENTRY, ...OPTIONAL_ENTRIES.filter((name) => existsSync(join(srcDir, name)))].map((name) => ({
    in: join(srcDir, name),
    out: name.replace(/\.ts$/, ""),
  })),
  TEXT_WORK_ENTRY,
];

const manifest = JSON.parse(readFileSync(join(appDir, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
};
const runtimeDependencies = new Set(Object.keys(manifest.dependencies ?? {}));
const builtins = new Set(builtinModules);

const WORKSPACE_SCOPE = "@jeex/";

/** "@scope/name/sub/path" → "@scope/name"; "name/sub" → "name". */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** Where each external package is imported from, to name the importer when one is missing. */
const externals = new Map<string, Set<string>>();

const externalizeThirdParty: Plugin = {
  name: "externalize-third-party",
  setup(pluginBuild) {
    // Bare specifiers only: relative ("./x") and absolute ("/x") paths are bundled as usual.
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith(WORKSPACE_SCOPE)) return undefined; // bundle workspace sources
      if (args.path.startsWith("node:") || builtins.has(args.path))
        return { path: args.path, external: true };
      const name = packageName(args.path);
      const importers = externals.get(name) ?? new Set<string>();
      importers.add(relative(appDir, args.importer));
      externals.set(name, importers);
      return { path: args.path, external: true };
    });
  },
};

rmSync(outDir, { recursive: true, force: true });

const result = await build({
  entryPoints,
  outdir: outDir,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node24",
  sourcemap: true,
  // Keep names readable in stack traces and logs (Error subclasses, Fastify plugin names).
  keepNames: true,
  // ESM output has no `require`; a CommonJS module pulled into the bundle would need one.
  banner: {
    js: 'import { createRequire as __jeexCreateRequire } from "node:module";\nconst require = __jeexCreateRequire(import.meta.url);',
  },
  plugins: [externalizeThirdParty],
  metafile: true,
  logLevel: "warning",
});

const missing = [...externals.keys()].filter((name) => !runtimeDependencies.has(name)).sort();
if (missing.length > 0) {
  const lines = missing.map(
    (name) => `  ${name}  (imported by ${[...(externals.get(name) ?? [])].join(", ")})`,
  );
  process.stderr.write(
    "build: these packages stay external (resolved from apps/api/node_modules at run time) but are not\n" +
      'in the "dependencies" of apps/api/package.json, so a production install would not have them:\n' +
      `${lines.join("\n")}\n`,
  );
  rmSync(outDir, { recursive: true, force: true });
  process.exit(1);
}

// The /panel page inlines its browser script from a file beside the module that reads it
// (src/panel/panel-page.ts): in the bundle that module is dist/*.js, so the file goes to dist/browser/.
const PANEL_SCRIPT = "panel/browser/panel.js";
mkdirSync(join(outDir, "browser"), { recursive: true });
copyFileSync(join(srcDir, PANEL_SCRIPT), join(outDir, "browser", "panel.js"));
process.stdout.write(`build: dist/browser/panel.js (copied from src/${PANEL_SCRIPT})\n`);

for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith(".map")) continue;
  process.stdout.write(`build: ${file} ${(output.bytes / 1024).toFixed(1)} KiB\n`);
}
process.stdout.write(`build: external packages: ${[...externals.keys()].sort().join(", ")}\n`);

// The web app the server answers at `/` (WEB_DIST_DIR, apps/web/dist): one build step makes
// everything an image ships. Skipped when apps/web/dist is newer than its sources.
buildIfStale((line) => process.stdout.write(`build: ${line}\n`));
