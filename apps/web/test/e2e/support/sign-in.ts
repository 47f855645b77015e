import type { Page } from "playwright-core";
import { screenshot } from "./screenshot.ts";

/** The development provider's people (apps/api/src/auth/dev-idp/accounts.ts). */
export const ACCOUNTS = {
  ada: { email: "ada@dev.jeex", name: "Ada Lovelace" },
  grace: { email: "grace@dev.jeex", name: "Grace Hopper" },
  alan: { email: "alan@dev.jeex", name: "Alan Turing" },
} as const;
export type Account = keyof typeof ACCOUNTS;
const DEV_PASSWORD = "jeex-dev";

/**
 * Signs in through the app as a person would: the sign-in page, the development provider's
 * form, and back to `returnTo` (default /projects). Resolves once the signed-in shell shows.
 * The page must come from `launchBrowser(server.url)` (relative URLs).
 */
export async function signIn(page: Page, account: Account, returnTo = "/projects"): Promise<void> {
  await page.goto(`/sign-in?${new URLSearchParams({ returnTo })}`);
  await page.getByRole("link", { name: /development/i }).click();
  await page.getByLabel("Email").fill(ACCOUNTS[account].email);
  await page.getByLabel("Password").fill(DEV_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  try {
    await page.waitForURL((target) => target.pathname === returnTo.split("?")[0]);
    await page.getByRole("button", { name: /account menu/i }).waitFor();
  } catch (error) {
    const path = await screenshot(page, `sign-in-failed-${account}`);
    const text = ((await page.locator("body").textContent()) ?? "").slice(0, 500);
    throw new Error(`signIn(${account}) ended on ${page.url()} (${path}): ${text}`, { cause: error });
  }
}
