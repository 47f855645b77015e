import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type E2eBrowser, launchBrowser } from "./browser.ts";
import { type E2eServer, startE2eServer } from "./server.ts";
import { type Account, signIn } from "./sign-in.ts";

export interface E2eSessionOptions {
  /** Server settings for this spec; a function runs when the server starts, not when the file loads. */
  env?: Record<string, string> | (() => Record<string, string>);
  /** Who the first page signs in as; `false` leaves the browser signed out with no page open. */
  account?: Account | false;
  /** Runs on the first page before it signs in (to watch its traffic from the very start). */
  beforeSignIn?: (page: Page) => Promise<void>;
}

export interface E2eSession {
  readonly server: E2eServer;
  /** The first person's browser. */
  readonly browser: E2eBrowser;
  /** The first person's page, signed in (absent with `account: false`). */
  readonly page: Page;
  /**
   * Another browser on the same server (another person, or the same one elsewhere), its first
   * page signed in as `account`. Closed with the session; a test may close it sooner.
   */
  signInAnother: (account: Account) => Promise<{ browser: E2eBrowser; page: Page }>;
}

/**
 * One spec file's world: a fresh server, a browser and (by default) ada's signed-in page, set up
 * in `beforeAll` and closed in `afterAll`, which this registers in the calling `describe`. Read the
 * fields inside hooks and tests: they exist once the spec's first `beforeAll` has run.
 */
export function useE2eSession(options: E2eSessionOptions = {}): E2eSession {
  const { account = "ada" } = options;
  let server: E2eServer | undefined;
  let browser: E2eBrowser | undefined;
  let page: Page | undefined;
  const others: E2eBrowser[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the e2e session has no ${what} (not started, or signed out)`);
    return value;
  };

  beforeAll(async () => {
    const env = typeof options.env === "function" ? options.env() : options.env;
    server = await startE2eServer(env);
    browser = await launchBrowser(server.url);
    if (account === false) return;
    page = await browser.newPage();
    await options.beforeSignIn?.(page);
    await signIn(page, account);
  });
  afterAll(async () => {
    for (const other of others) await other.close();
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() {
      return started(server, "server");
    },
    get browser() {
      return started(browser, "browser");
    },
    get page() {
      return started(page, "page");
    },
    signInAnother: async (account) => {
      const other = await launchBrowser(started(server, "server").url);
      others.push(other);
      const otherPage = await other.newPage();
      await signIn(otherPage, account);
      return { browser: other, page: otherPage };
    },
  };
}
