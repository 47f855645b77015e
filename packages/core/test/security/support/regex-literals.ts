import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/** A regular expression written in source: a `/…/` literal or `RegExp(…)` with literal arguments. */
export interface RegexInSource {
  /** File and line, e.g. `packages/core/src/x.ts:12`. */
  at: string;
  source: string;
  flags: string;
}

/** A `RegExp(…)` whose pattern is computed at run time: the analyser cannot see it. */
export interface DynamicRegexInSource {
  at: string;
  /** The constructor call as written. */
  code: string;
}

export interface RegexScan {
  literals: RegexInSource[];
  dynamic: DynamicRegexInSource[];
}

const literalText = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

const isRegExpCallee = (node: ts.Expression): boolean => ts.isIdentifier(node) && node.text === "RegExp";

/**
 * Parses one file with the TypeScript compiler (not a regex over source: a `/` in a string, a
 * comment or a division would fool one) and returns every regular expression it writes.
 */
export function regexesInSource(fileName: string, text: string): RegexScan {
  const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const literals: RegexInSource[] = [];
  const dynamic: DynamicRegexInSource[] = [];
  const at = (node: ts.Node) =>
    `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const end = node.text.lastIndexOf("/");
      literals.push({ at: at(node), source: node.text.slice(1, end), flags: node.text.slice(end + 1) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && isRegExpCallee(node.expression)) {
      const [patternArg, flagsArg] = node.arguments ?? [];
      const source = literalText(patternArg);
      const flags = flagsArg === undefined ? "" : literalText(flagsArg);
      if (source !== undefined && flags !== undefined) literals.push({ at: at(node), source, flags });
      else dynamic.push({ at: at(node), code: node.getText(file) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { literals, dynamic };
}

const skippedFolders = new Set(["node_modules", "dist", ".turbo"]);

function* sourceFiles(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) yield* sourceFiles(path);
    } else if (/\.tsx?$/.test(entry.name) && !/\.d\.ts$|\.(test|spec)\.tsx?$/.test(entry.name)) {
      // Tests living beside their sources (apps/web) never see tenant text.
      yield path;
    }
  }
}

/** Every regex in `packages/<name>/src` and `apps/<name>/src` under the repository root. */
export function regexesInRepository(root: string): RegexScan {
  const scan: RegexScan = { literals: [], dynamic: [] };
  for (const group of ["packages", "apps"]) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const src = join(root, group, entry.name, "src");
      let files: Generator<string>;
      try {
        readdirSync(src);
        files = sourceFiles(src);
      } catch {
        continue; // a package without src/
      }
      for (const path of files) {
        const found = regexesInSource(relative(root, path), readFileSync(path, "utf8"));
        scan.literals.push(...found.literals);
        scan.dynamic.push(...found.dynamic);
      }
    }
  }
  return scan;
}
