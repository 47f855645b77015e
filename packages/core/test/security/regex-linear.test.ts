import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { check, type Diagnostics } from "recheck";
import { describe, expect, it } from "vitest";
import { type RegexInSource, regexesInRepository, regexesInSource } from "./support/regex-literals.ts";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "../../../..");

/**
 * Regular expressions that recheck reports as super-linear but that never see tenant or model
 * text. Keyed by file and pattern; an entry that no longer matches a vulnerable pattern fails the
 * test, so the list cannot go stale.
 */
const allowed: { file: string; source: string; reason: string }[] = [
  ...[
    "packages/cli/src/connection.ts",
    "packages/client/src/client.ts",
    "packages/core/src/auth/access-tokens.ts",
    "packages/core/src/exports/download-links.ts",
    "packages/core/src/llm/openai-compatible.ts",
    "packages/core/src/memory/embeddings/openai-compatible.ts",
    "apps/api/src/auth/plugin.ts",
    "apps/api/src/config/auth.ts",
  ].map((file) => ({
    file,
    source: "\\/+$",
    reason: "trims the trailing slashes of a URL from the operator's configuration, never tenant text",
  })),
];

/** Regexes built at run time, which the analyser cannot see; each must say why it is bounded. */
const allowedDynamic: { file: string; reason: string }[] = [
  {
    file: "packages/contracts/src/agents/architecture.ts",
    reason: "an anchored alternation of the fixed Mermaid header names declared beside it",
  },
];

const fileOf = (at: string) => at.slice(0, at.lastIndexOf(":"));

/**
 * Linear means recheck proves it safe; `unknown` (a timeout, an unsupported feature) is not proof.
 * The fuzzer's own clocks are off so a busy machine cannot change a verdict: it then counts steps
 * only (measured: with them on, a loaded run called a safe pattern vulnerable with an attack that
 * ran in 0 ms).
 */
async function analyse(regex: Pick<RegexInSource, "source" | "flags">): Promise<Diagnostics> {
  return check(regex.source, regex.flags, {
    timeout: 60_000,
    incubationTimeout: null,
    attackTimeout: null,
    seedingTimeout: null,
  });
}

const describeProblem = (regex: RegexInSource, diagnostics: Diagnostics): string =>
  diagnostics.status === "vulnerable"
    ? `${regex.at} /${regex.source}/${regex.flags}: ${diagnostics.complexity.summary}, attack ${JSON.stringify(diagnostics.attack.pattern)}`
    : `${regex.at} /${regex.source}/${regex.flags}: not proven safe (${diagnostics.status === "unknown" ? diagnostics.error.kind : ""})`;

describe("the regex scanner", () => {
  it("finds literals and RegExp calls with literal arguments, not slashes in strings or comments", () => {
    const fixture = [
      'const a = "not/a/regex/";',
      "// neither /is+this/",
      "const b = x / 2 / y;",
      "const c = /^(a+)+$/u;",
      'const d = new RegExp("[ \\\\t]+$", "gm");',
      "const e = RegExp(`\\\\d+`);",
      'const f = new RegExp(term + "+");',
      "const g = <div>{/<[^>]+>/g.source}</div>;",
    ].join("\n");
    const found = regexesInSource("fixture.tsx", fixture);
    expect(found.literals.map(({ source, flags }) => `/${source}/${flags}`)).toEqual([
      "/^(a+)+$/u",
      "/[ \\t]+$/gm",
      "/\\d+/",
      "/<[^>]+>/g",
    ]);
    expect(found.dynamic.map((regex) => regex.code)).toEqual(['new RegExp(term + "+")']);
  });

  it("reports a planted backtracking pattern as not linear", async () => {
    const [planted] = regexesInSource(
      "fixture.ts",
      "const heading = /^(#{1,6})\\s+(.*?)\\s*#*\\s*$/;",
    ).literals;
    expect(planted).toBeDefined();
    const diagnostics = await analyse(planted as RegexInSource);
    expect(diagnostics.status).toBe("vulnerable");
  });

  it("accepts a linear pattern", async () => {
    expect((await analyse({ source: "^#{1,6}[ \\t]", flags: "" })).status).toBe("safe");
  });
});

describe("every regular expression in packages/*/src and apps/*/src runs in linear time", () => {
  const scan = regexesInRepository(repositoryRoot);

  it("finds the repository's regexes", () => {
    expect(scan.literals.length).toBeGreaterThan(50);
  });

  it("recheck proves each one free of super-linear backtracking", { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    const usedExceptions = new Set<(typeof allowed)[number]>();
    const results = await Promise.all(
      scan.literals.map(async (regex) => ({ regex, diagnostics: await analyse(regex) })),
    );
    for (const { regex, diagnostics } of results) {
      if (diagnostics.status === "safe") continue;
      const exception = allowed.find(
        (entry) => entry.file === fileOf(regex.at) && entry.source === regex.source,
      );
      if (exception) usedExceptions.add(exception);
      else problems.push(describeProblem(regex, diagnostics));
    }
    expect(problems, "rewrite these as string scans or anchored, non-overlapping patterns").toEqual([]);
    const stale = allowed.filter((entry) => !usedExceptions.has(entry));
    expect(stale, "exceptions that no longer match a vulnerable pattern: remove them").toEqual([]);
  });

  it("builds no regex from run-time text except the listed, bounded ones", () => {
    const unexplained = scan.dynamic.filter(
      (regex) => !allowedDynamic.some((entry) => entry.file === fileOf(regex.at)),
    );
    expect(unexplained.map((regex) => `${regex.at}: ${regex.code}`)).toEqual([]);
  });
});
