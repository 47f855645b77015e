import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

/** Where the suite's screenshots go (gitignored); look at them after a run. */
export const ARTIFACTS_DIR = fileURLToPath(new URL("../artifacts", import.meta.url));

/** A full-page PNG at `artifacts/<name>.png`; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, "-")}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
