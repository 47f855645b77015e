import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

// Debian's `chromium` package; Playwright never downloads a browser here.
export const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

export interface E2eBrowser {
  /** A fresh page in the shared profile (same cookies: one signed-in person per browser). */
  newPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  /** Console errors (CSP violations among them), page errors and HTTP errors seen so far. */
  problems: string[];
  close: () => Promise<void>;
}

/**
 * Headless Debian Chromium with a fresh user-data dir, so no cookie or storage leaks between
 * runs. One browser is one person: launch another for a second person. Pages resolve relative
 * URLs against `baseURL` (the server's), so specs write `page.goto("/projects")`.
 */
export async function launchBrowser(baseURL: string): Promise<E2eBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), "jeex-e2e-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: DESKTOP,
    baseURL,
  });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      // A failed request is reported below with its URL; the console line has none.
      if (message.type() !== "error" || message.text().startsWith("Failed to load resource")) return;
      problems.push(`console error: ${message.text()}`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
    });
  };
  context.on("page", watch);
  for (const page of context.pages()) watch(page);
  return {
    problems,
    newPage: async (viewport = DESKTOP) => {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      return page;
    },
    close: () => context.close(),
  };
}

/** What a browser reported that a spec did not cause on purpose (a refused call's 403, say). */
export const unexpectedProblems = (browser: E2eBrowser, allowed: RegExp[] = []) =>
  browser.problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
