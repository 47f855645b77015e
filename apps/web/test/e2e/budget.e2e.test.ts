import { describe, expect, it } from "vitest";
import { callInPage } from "./documents-pack.ts";
import { axeScan } from "./support/axe.ts";
import { screenshot } from "./support/screenshot.ts";
import { useE2eSession } from "./support/session.ts";

describe("a tenant whose budget cannot cover a run", () => {
  // No budget at all: even the free template provider's runs need a reservation to start.
  const session = useE2eSession({ env: { MONTHLY_TOKEN_BUDGET: "0" } });

  it("is told before starting: the estimate says why, and the start button stays off", async () => {
    const { page, browser } = session;
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
