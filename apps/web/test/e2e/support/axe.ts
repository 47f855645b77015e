import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, Result } from "axe-core";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** A violation as a one-line summary a failing assertion can print. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now and returns the serious and critical violations
 * (WCAG 2.1 A/AA rules). The source is evaluated through the DevTools protocol, which the app's
 * CSP (no inline script) does not govern, so the page's policy stays as it ships.
 */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  // A colour-scheme switch just before the scan starts the buttons' colour transitions; axe would
  // measure contrast halfway through them. Let the finite ones settle (a spinner never ends).
  await page.evaluate(() =>
    Promise.allSettled(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY)
        .map((animation) => animation.finished),
    ),
  );
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(axeSource);
  const results = (await page.evaluate(() =>
    (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }
    ).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  )) as AxeResults;
  return results.violations
    .filter((violation: Result) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation: Result) => ({
      id: violation.id,
      impact: violation.impact ?? "unknown",
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}
