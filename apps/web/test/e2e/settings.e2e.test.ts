import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeScan } from "./support/axe.ts";
import { PHONE } from "./support/browser.ts";
import { trpcInPage } from "./support/page-trpc.ts";
import { screenshot } from "./support/screenshot.ts";
import { useE2eSession } from "./support/session.ts";

const memberRow = (page: Page, hasText: string) =>
  page.getByRole("list", { name: "Members" }).getByRole("listitem").filter({ hasText });
const accountMenu = (page: Page) => page.getByRole("button", { name: /account menu/i });

async function switchTenant(page: Page, name: string) {
  await accountMenu(page).click();
  await page.getByRole("menuitemradio", { name: new RegExp(name) }).click();
  await expect.poll(() => accountMenu(page).textContent()).toContain(name);
}

describe("settings, tenants and roles", () => {
  const session = useE2eSession();

  it("ada makes a team tenant and switches to it from the account menu", async () => {
    const { page } = session;
    expect((await trpcInPage(page, "tenants.create", { slug: "acme", name: "Acme" })).status).toBe(200);
    await page.reload();
    await switchTenant(page, "Acme");
    await page.getByText("No projects yet").waitFor();
    expect((await trpcInPage(page, "projects.create", { name: "Acme roadmap" })).status).toBe(200);
    await page.reload();
    await page.getByRole("link", { name: "Acme roadmap" }).waitFor();
  });

  it("members: ada (owner) is listed, invites grace as a viewer, and sees the pending invitation", async () => {
    const { page } = session;
    await page.goto("/settings/members");
    await memberRow(page, "Ada Lovelace (you)").waitFor();
    await page.getByLabel("Email").fill("grace@dev.jeex");
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Invite" }).click();
    await page
      .getByRole("list", { name: "Pending invitations" })
      .getByText("grace@dev.jeex", { exact: true })
      .waitFor();
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "settings-members");
  });

  it("API keys: the secret is shown once, works, and stops working when revoked", async () => {
    const { page, server } = session;
    await page.goto("/settings/api-keys");
    await page.getByText("No API keys yet").waitFor();
    await page.getByLabel("Name").fill("CI pipeline");
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = (await page.getByTestId("new-api-key").textContent()) ?? "";
    expect(secret).toMatch(/^jeex_/);
    await page
      .getByRole("list", { name: "API keys" })
      .getByRole("button", { name: "Revoke CI pipeline" })
      .waitFor();
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "settings-api-keys-created");

    const listWith = (key: string) =>
      fetch(`${server.url}/trpc/projects.list`, { headers: { authorization: `Bearer ${key}` } });
    expect((await listWith(secret)).status).toBe(200);
    await page.getByRole("button", { name: "Revoke CI pipeline" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
    await page.getByText("No API keys yet").waitFor();
    expect((await listWith(secret)).status).toBe(401);
  });

  it("usage: the month's budget and calls, and the previous month by link", async () => {
    const { page, browser: ada } = session;
    await page.goto("/settings/usage");
    await page.getByRole("heading", { name: "Monthly budget" }).waitFor();
    expect(await page.getByRole("img", { name: /Budget: 0% spent/ }).count()).toBe(1);
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "settings-usage");
    await page.getByRole("link", { name: "Previous month" }).click();
    await page.waitForURL((url) => /^\d{4}-\d{2}$/.test(url.searchParams.get("month") ?? ""));
    await page.getByRole("heading", { name: "Model calls" }).waitFor();
    // The month is worded once, as the picker says it, not also as the API's "2026-11".
    expect(await page.getByText(/^\d{4}-\d{2}$/).count()).toBe(0);

    const phone = await ada.newPage(PHONE);
    await phone.goto("/settings/usage");
    await phone.getByRole("heading", { name: "Monthly budget" }).waitFor();
    await screenshot(phone, "settings-usage-375");
    await phone.close();
  });

  it("grace accepts the invitation; as a viewer she is offered no edit controls and the server refuses them", async () => {
    const { browser: ada } = session;
    const { browser: grace, page: gracePage } = await session.signInAnother("grace");
    await accountMenu(gracePage).click();
    await gracePage.getByRole("menuitem", { name: "Join Acme as viewer" }).click();
    await gracePage.getByRole("menuitemradio", { name: /Acme/ }).click();
    await expect.poll(() => accountMenu(gracePage).textContent()).toContain("Acme");

    await gracePage.getByRole("link", { name: "Acme roadmap" }).waitFor();
    expect(await gracePage.getByRole("button", { name: "New project" }).count()).toBe(0);
    expect(await gracePage.getByRole("button", { name: /^Rename/ }).count()).toBe(0);
    expect(await gracePage.getByRole("button", { name: /^Delete/ }).count()).toBe(0);
    expect(await axeScan(gracePage)).toEqual([]);
    await screenshot(gracePage, "projects-viewer");

    const refused = await trpcInPage(gracePage, "projects.create", { name: "Sneaky" });
    expect(refused.status).toBe(403);
    const projects = await trpcInPage<{ items: { id: string }[] }>(gracePage, "projects.list", {}, "query");
    const [roadmap] = projects.data?.items ?? [];
    expect((await trpcInPage(gracePage, "projects.delete", { projectId: roadmap?.id })).status).toBe(403);
    expect((await trpcInPage(gracePage, "apiKeys.list", {}, "query")).status).toBe(403);

    await gracePage.goto("/settings/members");
    await memberRow(gracePage, "Grace Hopper (you)").waitFor();
    expect(await gracePage.getByRole("combobox").count()).toBe(0);
    expect(await gracePage.getByRole("button", { name: /^Remove/ }).count()).toBe(0);
    expect(await gracePage.getByRole("link", { name: "API keys" }).count()).toBe(0);
    expect(await axeScan(gracePage)).toEqual([]);
    await gracePage.goto("/settings/api-keys");
    await gracePage.getByText("Only admins and owners manage API keys").waitFor();
    await screenshot(gracePage, "settings-api-keys-viewer");

    // The refusals above were asked for; nothing else failed.
    expect(grace.problems.filter((p) => !/^HTTP 403 /.test(p))).toEqual([]);
    expect(ada.problems).toEqual([]);
  });
});
