import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callInPage } from "./documents-pack.ts";
import { axeScan } from "./support/axe.ts";
import { type E2eBrowser, launchBrowser } from "./support/browser.ts";
import { screenshot } from "./support/screenshot.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";
import { signIn } from "./support/sign-in.ts";

describe("a tenant whose budget cannot cover a run", () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let page: Page;
  beforeAll(async () => {
    // No budget at all: even the free template provider's runs need a reservation to start.
    server = await startE2eServer({ MONTHLY_TOKEN_BUDGET: "0" });
    browser = await launchBrowser(server.url);
    page = await browser.newPage();
    await signIn(page, "ada");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("is told before starting: the estimate says why, and the start button stays off", async () => {
    const { id: projectId } = await callInPage<{ id: string }>(page, "projects.create", { name: "Skint" });
    await page.goto(`/projects/${projectId}`);
    await page.locator('[data-connection="live"]').waitFor();
    await page.getByRole("button", { name: "Start with the idea" }).click();
    const form = page.getByRole("dialog");
    await form
      .getByLabel("Idea")
      .fill("A ledger for a small allotment society: plots, fees and a waiting list, kept by volunteers.");
    const refusal = form.getByRole("alert").filter({ hasText: "Over budget" });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("monthly token budget is 0");
    expect(await form.getByRole("button", { name: "Start the About step" }).isDisabled()).toBe(true);
    await refusal.scrollIntoViewIfNeeded();
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "workflow-over-budget");
    expect(browser.problems).toEqual([]);
  });
});
