import { describe, expect, it } from "vitest";
import { PHONE } from "./support/browser.ts";
import { trpcInPage } from "./support/page-trpc.ts";
import { screenshot } from "./support/screenshot.ts";
import { useE2eSession } from "./support/session.ts";

const longName = "Dog walking marketplace for busy owners in Berlin and Hamburg";

describe("on a phone (375 px)", () => {
  const session = useE2eSession();

  it("a long project name wraps in the page title instead of being cut off", async () => {
    const created = await trpcInPage<{ id: string }>(session.page, "projects.create", { name: longName });
    expect(created.status).toBe(200);
    const phone = await session.browser.newPage(PHONE);
    await phone.goto(`/projects/${created.data?.id}`);
    const title = phone.getByRole("heading", { level: 1, name: longName });
    await title.waitFor();
    const fits = await title.evaluate((h1) => h1.scrollWidth <= h1.clientWidth && h1.clientHeight > 30);
    expect(fits, "the whole title shows, on more than one line").toBe(true);
    await screenshot(phone, "workflow-long-title-375");
    await phone.close();
  });

  it("a role form's button sits just below its field and role, with no label-sized gap", async () => {
    const phone = await session.browser.newPage(PHONE);
    await phone.goto("/settings/members");
    const invite = phone.getByRole("button", { name: "Invite" });
    await invite.waitFor();
    const role = await phone.getByLabel("Role", { exact: true }).boundingBox();
    const button = await invite.boundingBox();
    if (!role || !button) throw new Error("the invitation form did not lay out");
    const gap = button.y - (role.y + role.height);
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThanOrEqual(16);
    await screenshot(phone, "settings-members-invite-375");
    await phone.close();
  });

  it("the sideways scroller wide tables sit in keeps its overflow and its four edge-shadow layers", async () => {
    const phone = await session.browser.newPage(PHONE);
    // Any page works: the scroller is a utility of the app's stylesheet.
    await phone.goto("/projects");
    const look = await phone.evaluate(() => {
      const box = document.createElement("div");
      box.className = "scroll-edges-x";
      document.body.append(box);
      const style = getComputedStyle(box);
      return { overflowX: style.overflowX, layers: style.backgroundImage.split("gradient(").length - 1 };
    });
    expect(look).toEqual({ overflowX: "auto", layers: 4 });
    await phone.close();
  });

  it("a progress bar is drawn in the palette, not Chromium's fallback grey track and green value", async () => {
    const phone = await session.browser.newPage(PHONE);
    // The step cards and exports draw bars only while something runs; the look is the stylesheet's.
    await phone.goto("/projects");
    const look = await phone.evaluate(() => {
      const bar = document.createElement("progress");
      bar.className = "h-1.5 w-full";
      bar.max = 100;
      bar.value = 40;
      document.body.append(bar);
      const muted = document.createElement("div");
      muted.className = "bg-surface-muted";
      document.body.append(muted);
      const waiting = document.createElement("progress");
      waiting.className = "h-1.5 w-full";
      document.body.append(waiting);
      const style = getComputedStyle(bar);
      return {
        appearance: style.appearance,
        track: style.backgroundColor === getComputedStyle(muted).backgroundColor,
        // Without a value the bar moves, so it does not read as 0% done.
        waitingMoves: getComputedStyle(waiting).animationName,
      };
    });
    expect(look).toEqual({ appearance: "none", track: true, waitingMoves: "progress-sweep" });
    await phone.close();
  });

  it("every page keeps the same space under its header, settings pages as the projects page", async () => {
    const page = await session.browser.newPage(PHONE);
    const gaps: Record<string, number> = {};
    for (const path of ["/projects", "/settings/members", "/settings/api-keys", "/settings/usage"]) {
      await page.goto(path);
      await page.locator("main header").waitFor();
      // The page's content has arrived when nothing is loading any more.
      await page.waitForFunction(() => !document.querySelector("main .animate-spin"));
      gaps[path] = await page.evaluate(() => {
        const header = document.querySelector("main header") as HTMLElement;
        const below = [...document.querySelectorAll("main *")].find(
          (element) =>
            header.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING &&
            !header.contains(element) &&
            element.getBoundingClientRect().height > 2,
        );
        return Math.round((below?.getBoundingClientRect().top ?? 0) - header.getBoundingClientRect().bottom);
      });
    }
    expect(gaps).toEqual({
      "/projects": 24,
      "/settings/members": 24,
      "/settings/api-keys": 24,
      "/settings/usage": 24,
    });
    await page.close();
  });

  it("a focused tab shows its whole focus ring inside the scrolling tab bar", async () => {
    const created = await trpcInPage<{ id: string }>(session.page, "projects.create", { name: "Tabs" });
    const phone = await session.browser.newPage(PHONE);
    for (const [path, nav, link] of [
      [`/projects/${created.data?.id}`, "Project", "Documents"],
      ["/settings/members", "Settings", "Usage"],
    ] as const) {
      await phone.goto(path);
      const tab = phone.getByRole("navigation", { name: nav }).getByRole("link", { name: link });
      await tab.focus();
      // The bars scroll sideways (overflow-x), which clips anything drawn outside them: the ring
      // is drawn inside the link, not 2 px around it where only one edge of it showed.
      expect(await tab.evaluate((element) => getComputedStyle(element).outlineOffset), nav).toBe("-2px");
    }
    await phone.close();
  });

  it("a malformed project link shows the one not-found state, with no project tabs", async () => {
    const phone = await session.browser.newPage(PHONE);
    await phone.goto("/projects/not-a-uuid/documents");
    await phone.getByRole("heading", { name: "Project not found" }).waitFor();
    expect(await phone.getByRole("navigation", { name: "Project" }).count()).toBe(0);
    expect(await phone.getByText(/Invalid UUID/).count()).toBe(0);
    await screenshot(phone, "project-malformed-id-375");
    await phone.close();
  });

  it("the app names its icon, and the server serves it", async () => {
    const { page } = session;
    await page.goto("/projects");
    const href = await page.locator('link[rel="icon"]').getAttribute("href");
    expect(href).toBe("/favicon.svg");
    const icon = await page.request.get(href ?? "");
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
  });
});
