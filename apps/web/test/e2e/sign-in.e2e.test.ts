import { describe, expect, it } from "vitest";
import { axeScan } from "./support/axe.ts";
import { PHONE } from "./support/browser.ts";
import { screenshot } from "./support/screenshot.ts";
import { useE2eSession } from "./support/session.ts";
import { signIn } from "./support/sign-in.ts";

describe("signing in", () => {
  // Signed out: each test opens its own page.
  const session = useE2eSession({ account: false });

  it("a deep link while signed out goes to sign-in and, after it, back to the same page", async () => {
    const { browser } = session;
    const page = await browser.newPage();
    await page.goto("/settings/usage?month=x");
    await page.waitForURL((url) => url.pathname === "/sign-in");
    expect(new URL(page.url()).searchParams.get("returnTo")).toBe("/settings/usage?month=x");
    await page.getByRole("link", { name: /development/i }).waitFor();
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "sign-in");

    await signIn(page, "ada", "/settings/usage?month=x");
    expect(new URL(page.url()).pathname).toBe("/settings/usage");
    expect(await page.getByRole("button", { name: /account menu/i }).textContent()).toContain("Ada Lovelace");
    // Signed out, the first page asks auth.me and hears 401: that is what sends it to sign-in.
    expect(browser.problems.filter((p) => !/^HTTP 401 .*\/trpc\//.test(p))).toEqual([]);
  });

  it("on a phone the provider's button shows its icon whole and its whole label", async () => {
    const { browser } = session;
    const page = await browser.newPage(PHONE);
    await page.goto("/sign-in");
    const button = page.getByRole("link", { name: /development/i });
    await button.waitFor();
    const look = await button.evaluate((link) => ({
      iconWidth: Math.round(link.querySelector("svg")?.getBoundingClientRect().width ?? 0),
      labelFits: link.scrollWidth <= link.clientWidth,
    }));
    // A long provider name had squeezed the 16 px icon to nothing at 375 px (8 px at 1280).
    expect(look).toEqual({ iconWidth: 16, labelFits: true });
    await screenshot(page, "sign-in-375");
    await page.close();
  });

  it("the account menu names the person and tenant, and signing out returns to sign-in", async () => {
    const { browser } = session;
    const page = await browser.newPage(PHONE);
    await page.goto("/projects");
    await page.getByRole("button", { name: /account menu/i }).click();
    const menu = page.getByRole("menu");
    await menu.waitFor();
    expect(await menu.textContent()).toContain("ada@dev.jeex");
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "user-menu-375");
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    // The page says what just happened, not only "Sign in" as if the session had expired.
    await page.getByRole("status").getByText("You are signed out.").waitFor();
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "signed-out-375");

    // The session is gone on the server too: the API refuses the old cookie, and the app, hearing
    // 401, sends a deep link back to sign-in with the way home.
    const me = await page.evaluate(async () => (await fetch("/trpc/auth.me")).status);
    expect(me).toBe(401);
    await page.goto("/projects?q=dog");
    await page.waitForURL((url) => url.pathname === "/sign-in");
    expect(new URL(page.url()).searchParams.get("returnTo")).toBe("/projects?q=dog");

    // The provider asks for a login again (it had signed the next sign-in straight back in as Ada),
    // and another person can sign in at this browser: the provider's own page ending Ada's session
    // on the way runs under the provider pages' CSP.
    await signIn(page, "grace");
    expect(await page.getByRole("button", { name: /account menu/i }).textContent()).toContain("Grace Hopper");
    expect(browser.problems.filter((p) => !/^HTTP 401 .*\/trpc\//.test(p))).toEqual([]);
  });
});
